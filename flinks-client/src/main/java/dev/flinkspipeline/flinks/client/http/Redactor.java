package dev.flinkspipeline.flinks.client.http;

import java.util.List;
import java.util.Objects;

/**
 * Removes known secret values from text that leaves the client (failure messages, logs), in case a server
 * or an exception ever echoes one.
 */
public final class Redactor {

    private static final int MIN_SECRET_LENGTH = 6;

    private final List<String> secrets;

    public Redactor(List<String> secrets) {
        this.secrets = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .toList();
    }

    /** {@code text} with every secret (the fixed ones and {@code extra}) replaced by {@code ***}. */
    public String redact(String text, String... extra) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "***");
        }
        for (String secret : extra) {
            if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }
}
