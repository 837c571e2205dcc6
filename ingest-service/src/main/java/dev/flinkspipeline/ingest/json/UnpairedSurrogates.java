package dev.flinkspipeline.ingest.json;

/**
 * Tells strings that are not valid UTF-16: a high surrogate without its low half or a low one alone.
 * JSON lets a document spell them ({@code "\ud800"}) and Jackson accepts them, but Avro would write
 * them as {@code ?}: the event would silently differ from what Flinks sent.
 */
public final class UnpairedSurrogates {

    private UnpairedSurrogates() {}

    /** Whether {@code length} chars of {@code text} from {@code offset} are valid UTF-16 (a parser's buffer). */
    public static boolean valid(char[] text, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == end || !Character.isLowSurrogate(text[i + 1])) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
