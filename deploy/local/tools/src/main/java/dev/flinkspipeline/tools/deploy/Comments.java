package dev.flinkspipeline.tools.deploy;

/** Prose as {@code #} comment lines of at most 120 characters. */
final class Comments {

    private static final int WIDTH = 118;

    private Comments() {}

    static void wrap(String text, StringBuilder out) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                out.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        out.append(line).append('\n');
    }
}
