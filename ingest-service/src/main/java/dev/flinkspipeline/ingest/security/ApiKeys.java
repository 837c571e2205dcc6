package dev.flinkspipeline.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The API keys that authorize the application's back end on {@code POST /connect/sessions}. Several
 * keys may be valid at once (rotation). Keys are compared through their SHA-256 so that the
 * comparison is constant-time regardless of length.
 */
public final class ApiKeys {

    private final List<byte[]> digests;

    public ApiKeys(List<String> keys) {
        this.digests = (keys == null ? List.<String>of() : keys)
                .stream()
                        .peek(k -> {
                            if (k == null || k.isBlank()) {
                                throw new IllegalArgumentException("connect API keys: a key is blank");
                            }
                        })
                        .map(k -> sha256(k.trim()))
                        .toList();
    }

    /** Whether any key is configured; without one the endpoint is closed. */
    public boolean configured() {
        return !digests.isEmpty();
    }

    public boolean accepts(String presented) {
        if (presented == null || presented.isBlank() || digests.isEmpty()) {
            return false;
        }
        byte[] candidate = sha256(presented.trim());
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
