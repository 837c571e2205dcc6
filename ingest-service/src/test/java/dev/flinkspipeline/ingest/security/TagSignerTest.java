package dev.flinkspipeline.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.FlinksFlow;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagSignerTest {

    private static final String SECRET = "tag-secret-0123456789";
    private static final String OLD_SECRET = "old-tag-secret-abcdefgh";
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final TagSigner signer = new TagSigner(List.of(SECRET), Duration.ofMinutes(30), at(NOW));

    @Test
    void signedTagVerifiesAndCarriesTheUserReferenceAndTheFlow() {
        SignedTag tag = signer.sign("user-42 é", FlinksFlow.WEBHOOK);
        assertThat(tag.value()).matches("v2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{16}\\.\\d+\\.webhook\\.[A-Za-z0-9_-]+");
        assertThat(tag.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        SignedTag verified = signer.verify(tag.value());
        assertThat(verified.userReference()).isEqualTo("user-42 é");
        assertThat(verified.flow()).isEqualTo(FlinksFlow.WEBHOOK);
        assertThat(verified.nonce())
                .isEqualTo(tag.nonce())
                .isEqualTo(tag.value().split("\\.")[2]);
        assertThat(verified.expiresAt()).isEqualTo(tag.expiresAt());
        assertThat(signer.verify(signer.sign("u", FlinksFlow.STANDARD).value()).flow())
                .isEqualTo(FlinksFlow.STANDARD);
        assertThat(verified.toString()).doesNotContain("user-42");
    }

    @Test
    void v1TagsStillVerifyAndNameNoFlow() {
        long expiry = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();
        String tag = signed(SECRET, "v1." + b64("user-7") + ".AAECAwQFBgcICQoL." + expiry);
        SignedTag verified = signer.verify(tag);
        assertThat(verified.userReference()).isEqualTo("user-7");
        assertThat(verified.flow()).isNull();
        assertThat(verified.nonce()).isEqualTo("AAECAwQFBgcICQoL");
        // A v1 tag carrying a flow part is no tag of ours.
        assertRejected(
                signed(SECRET, "v1." + b64("user-7") + ".AAECAwQFBgcICQoL." + expiry + ".webhook"),
                TagRejectedException.Reason.MALFORMED);
    }

    @Test
    void tamperedFlowIsForgedAndAnUnknownSignedFlowIsMalformed() {
        String[] parts = signer.sign("user-42", FlinksFlow.STANDARD).value().split("\\.");
        parts[4] = "webhook";
        assertRejected(String.join(".", parts), TagRejectedException.Reason.BAD_SIGNATURE);
        long expiry = NOW.plus(Duration.ofMinutes(10)).getEpochSecond();
        assertRejected(
                signed(SECRET, "v2." + b64("u") + ".AAECAwQFBgcICQoL." + expiry + ".hybrid"),
                TagRejectedException.Reason.MALFORMED);
    }

    @Test
    void expiryCanBeIgnoredButNeverTheSignature() {
        String tag = signer.sign("user-42", FlinksFlow.WEBHOOK).value();
        TagSigner dayLater = new TagSigner(List.of(SECRET), Duration.ofMinutes(30), at(NOW.plus(Duration.ofDays(1))));
        assertThatThrownBy(() -> dayLater.verify(tag))
                .isInstanceOfSatisfying(
                        TagRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TagRejectedException.Reason.EXPIRED));
        assertThat(dayLater.verifyIgnoringExpiry(tag).userReference()).isEqualTo("user-42");
        String[] parts = tag.split("\\.");
        parts[1] = b64("user-43");
        assertThatThrownBy(() -> dayLater.verifyIgnoringExpiry(String.join(".", parts)))
                .isInstanceOfSatisfying(
                        TagRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TagRejectedException.Reason.BAD_SIGNATURE));
    }

    @Test
    void twoTagsForTheSameUserDifferByTheirNonce() {
        assertThat(signer.sign("u", FlinksFlow.STANDARD).value())
                .isNotEqualTo(signer.sign("u", FlinksFlow.STANDARD).value());
    }

    @Test
    void tamperedUserReferenceIsForged() {
        String[] parts = signer.sign("user-42", FlinksFlow.STANDARD).value().split("\\.");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString("user-43".getBytes(StandardCharsets.UTF_8));
        assertRejected(String.join(".", parts), TagRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void extendedExpiryIsForgedNotExpired() {
        String[] parts = signer.sign("user-42", FlinksFlow.STANDARD).value().split("\\.");
        parts[3] = Long.toString(Long.parseLong(parts[3]) + 86_400);
        assertRejected(String.join(".", parts), TagRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void tagSignedWithAnotherSecretIsForged() {
        TagSigner other = new TagSigner(List.of("another-secret-0123456789"), Duration.ofMinutes(30), at(NOW));
        assertRejected(other.sign("user-42", FlinksFlow.STANDARD).value(), TagRejectedException.Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredTagIsRefused() {
        String tag = signer.sign("user-42", FlinksFlow.STANDARD).value();
        TagSigner later = new TagSigner(List.of(SECRET), Duration.ofMinutes(30), at(NOW.plus(Duration.ofMinutes(30))));
        assertThatThrownBy(() -> later.verify(tag))
                .isInstanceOfSatisfying(
                        TagRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TagRejectedException.Reason.EXPIRED));
        TagSigner justBefore = new TagSigner(
                List.of(SECRET),
                Duration.ofMinutes(30),
                at(NOW.plus(Duration.ofMinutes(30)).minusSeconds(1)));
        assertThat(justBefore.verify(tag).userReference()).isEqualTo("user-42");
    }

    @Test
    void rotationKeepsTagsOfThePreviousSecretValid() {
        String oldTag = new TagSigner(List.of(OLD_SECRET), Duration.ofMinutes(30), at(NOW))
                .sign("u1", FlinksFlow.STANDARD)
                .value();
        TagSigner rotated = new TagSigner(List.of(SECRET, OLD_SECRET), Duration.ofMinutes(30), at(NOW));
        assertThat(rotated.verify(oldTag).userReference()).isEqualTo("u1");
        // New tags use the first secret: a signer knowing only it verifies them.
        assertThat(signer.verify(rotated.sign("u2", FlinksFlow.STANDARD).value())
                        .userReference())
                .isEqualTo("u2");
    }

    @Test
    void malformedAndMissingTagsAreRefused() {
        assertRejected(null, TagRejectedException.Reason.MISSING);
        assertRejected(" ", TagRejectedException.Reason.MISSING);
        assertRejected("userId=123", TagRejectedException.Reason.MALFORMED);
        assertRejected("v2.a.b.1.c", TagRejectedException.Reason.MALFORMED);
        assertRejected("v3.a.b.1.standard.c", TagRejectedException.Reason.MALFORMED);
        assertRejected("v1.a.b.notanumber.c", TagRejectedException.Reason.MALFORMED);
        assertRejected("v2.a.b.notanumber.standard.c", TagRejectedException.Reason.MALFORMED);
        assertRejected("v1.a.b.1.c.d", TagRejectedException.Reason.MALFORMED);
        assertRejected("v1.***.b.1.c", TagRejectedException.Reason.MALFORMED);
        assertRejected("v1." + "a".repeat(600) + ".b.1.c", TagRejectedException.Reason.MALFORMED);
    }

    @Test
    void userReferenceAndSecretsAreValidated() {
        assertThatThrownBy(() -> signer.sign("", FlinksFlow.STANDARD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("x".repeat(201), FlinksFlow.STANDARD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("a\nb", FlinksFlow.STANDARD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TagSigner(List.of("short"), Duration.ofMinutes(1), at(NOW)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> new TagSigner(List.of(), Duration.ofMinutes(1), at(NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertRejected(String tag, TagRejectedException.Reason reason) {
        assertThatThrownBy(() -> signer.verify(tag))
                .isInstanceOfSatisfying(
                        TagRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** A tag of {@code payload} signed the way TagSigner signs, to build v1 and odd v2 tags. */
    private static String signed(String secret, String payload) {
        return payload
                + '.'
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Hmac.sha256(
                                secret.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
