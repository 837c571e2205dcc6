package dev.flinkspipeline.flinks.client.http;

import java.nio.charset.StandardCharsets;

/** Percent-encodes ids put into URL paths, so an odd id can never change the path it lands on. */
public final class PathSegments {

    private PathSegments() {}

    public static String encode(String segment) {
        if (segment == null || segment.isBlank()) {
            throw new IllegalArgumentException("a path segment is blank");
        }
        StringBuilder out = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
