package dev.flinkspipeline.ingest.it;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Tags in the {@code v1} format (before flows), as sessions opened by an earlier release carry them. */
final class LegacyTags {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private LegacyTags() {}

    static String v1(String secret, String userReference, Instant expiresAt) {
        String payload = "v1." + B64.encodeToString(userReference.getBytes(StandardCharsets.UTF_8))
                + ".AAECAwQFBgcICQoL." + expiresAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return payload + '.' + B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
