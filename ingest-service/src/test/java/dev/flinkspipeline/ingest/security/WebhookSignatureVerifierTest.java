package dev.flinkspipeline.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier.Result;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureVerifierTest {

    private static final byte[] BODY = "{\"ResponseType\":\"KYC\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheRfc4231Vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSignatureVerifier.sign(
                        "Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    }

    @Test
    void acceptsAnyConfiguredSecret() {
        WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of("new-secret", "old-secret"));
        assertThat(verifier.verify(BODY, WebhookSignatureVerifier.sign("new-secret", BODY)))
                .isEqualTo(Result.VALID);
        assertThat(verifier.verify(BODY, " " + WebhookSignatureVerifier.sign("old-secret", BODY) + " "))
                .isEqualTo(Result.VALID);
    }

    @Test
    void refusesMissingWrongAndTamperedSignatures() {
        WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of("secret"));
        String good = WebhookSignatureVerifier.sign("secret", BODY);
        assertThat(verifier.verify(BODY, null)).isEqualTo(Result.MISSING);
        assertThat(verifier.verify(BODY, "")).isEqualTo(Result.MISSING);
        assertThat(verifier.verify(BODY, "not base64 !!")).isEqualTo(Result.INVALID);
        assertThat(verifier.verify(BODY, WebhookSignatureVerifier.sign("other", BODY)))
                .isEqualTo(Result.INVALID);
        byte[] tampered = BODY.clone();
        tampered[3] ^= 1;
        assertThat(verifier.verify(tampered, good)).isEqualTo(Result.INVALID);
        assertThat(verifier.verify(BODY, good.substring(0, 20))).isEqualTo(Result.INVALID);
    }

    @Test
    void withoutSecretsVerificationIsOff() {
        WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of());
        assertThat(verifier.enabled()).isFalse();
        assertThat(verifier.verify(BODY, null)).isEqualTo(Result.DISABLED);
    }

    @Test
    void apiKeysAcceptOnlyConfiguredKeys() {
        ApiKeys keys = new ApiKeys(List.of("key-one", "key-two"));
        assertThat(keys.accepts("key-two")).isTrue();
        assertThat(keys.accepts("key-three")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
        assertThat(new ApiKeys(List.of()).accepts("anything")).isFalse();
    }
}
