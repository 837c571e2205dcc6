package dev.flinkspipeline.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds strings that are not valid UTF-16: a high surrogate without its low half or a low one alone.
 * JSON lets a document spell them ({@code "\ud800"}) and Jackson accepts them, but Avro would write
 * them as {@code ?}: the event would silently differ from what Flinks sent.
 */
public final class UnpairedSurrogates {

    private UnpairedSurrogates() {
    }

    /** The path of the first key or string holding an unpaired surrogate, or null when there is none. */
    public static String find(JsonNode root) {
        Deque<Object> path = segmentsTo(root);
        if (path == null) {
            return null;
        }
        String text = "";
        for (Object segment : path) {
            text = segment instanceof Integer index
                    ? JsonPaths.element(text, index) : JsonPaths.child(text, (String) segment);
        }
        return text.isEmpty() ? JsonPaths.ROOT : text;
    }

    /** The keys (String) and indices (Integer) to the defect, outermost first, or null; built only on a hit. */
    private static Deque<Object> segmentsTo(JsonNode node) {
        if (node.isTextual()) {
            return valid(node.textValue()) ? null : new ArrayDeque<>();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Deque<Object> hit = valid(e.getKey()) ? segmentsTo(e.getValue()) : new ArrayDeque<>();
                if (hit != null) {
                    hit.push(e.getKey());
                    return hit;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Deque<Object> hit = segmentsTo(node.get(i));
                if (hit != null) {
                    hit.push(i);
                    return hit;
                }
            }
        }
        return null;
    }

    static boolean valid(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
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
