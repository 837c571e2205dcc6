package dev.flinkspipeline.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over bytes with one key, and a constant-time comparison of digests. */
final class Hmac {

    static final String ALGORITHM = "HmacSHA256";

    private Hmac() {}

    /** The HMAC-SHA256 of {@code data} under {@code key}. A new {@link Mac} per call: Mac is not thread-safe. */
    static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * Whether {@code candidate} equals the HMAC of {@code data} under any of {@code keys}. Every key is
     * tried (no early exit) and each comparison is constant-time, so timing reveals nothing about
     * which prefix matched.
     */
    static boolean matchesAny(List<byte[]> keys, byte[] data, byte[] candidate) {
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(sha256(key, data), candidate);
        }
        return match;
    }

    /** Secrets from configuration as HMAC keys (UTF-8 bytes), rejecting blank ones. */
    static List<byte[]> keys(List<String> secrets, int minLength, String what) {
        Objects.requireNonNull(secrets, what);
        return secrets.stream()
                .map(secret -> {
                    if (secret == null || secret.isBlank()) {
                        throw new IllegalArgumentException(what + ": a secret is blank");
                    }
                    byte[] key = secret.trim().getBytes(StandardCharsets.UTF_8);
                    if (key.length < minLength) {
                        // Never echo the secret itself, only its length.
                        throw new IllegalArgumentException(what + ": a secret has " + key.length + " bytes, at least "
                                + minLength + " are required");
                    }
                    return key;
                })
                .toList();
    }
}
