package dev.flinkspipeline.ingest.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Verifies the authenticity header of a Flinks webhook: the Base64 HMAC-SHA256 of the exact received
 * bytes under a secret Flinks provisions (flinks-api.md 7.5). Several secrets are accepted at once so
 * a secret can be rotated without losing webhooks sent with the previous one.
 *
 * <p>With no secret configured verification is off and every request passes: Flinks enables the
 * feature per instance, and a deployment without it must still receive webhooks.
 */
public final class WebhookSignatureVerifier {

    /** Header name used by Flinks' older documentation and all known open-source receivers. */
    public static final String HEADER = "flinks-authenticity-key";
    /** Header name used by Flinks' newer HMAC guide. */
    public static final String ALTERNATE_HEADER = "X-Flinks-Signature";

    /** Outcome of a verification. */
    public enum Result {
        VALID,
        DISABLED,
        MISSING,
        INVALID
    }

    private final List<byte[]> keys;

    public WebhookSignatureVerifier(List<String> secrets) {
        this.keys = Hmac.keys(secrets == null ? List.of() : secrets, 1, "webhook secrets");
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /**
     * Checks {@code signature} (the header value, null when absent) against {@code body}.
     * Surrounding whitespace is ignored; anything that is not Base64 is {@link Result#INVALID}.
     */
    public Result verify(byte[] body, String signature) {
        if (keys.isEmpty()) {
            return Result.DISABLED;
        }
        if (signature == null || signature.isBlank()) {
            return Result.MISSING;
        }
        byte[] candidate;
        try {
            candidate = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return Result.INVALID;
        }
        return Hmac.matchesAny(keys, body, candidate) ? Result.VALID : Result.INVALID;
    }

    /** The Base64 signature Flinks would send for {@code body} under {@code secret} (tests, tools). */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }
}
