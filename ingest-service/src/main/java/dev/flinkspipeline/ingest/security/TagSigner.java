package dev.flinkspipeline.ingest.security;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.flow.FlowNames;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Signs and verifies the Connect {@code tag}: the application's user reference and the session's flow
 * bound to a random nonce and an expiry by an HMAC, so that a callback or webhook carrying the tag can
 * be traced to a session this service opened, and a forged or replayed-late tag is refused.
 *
 * <p>Format (URL-safe, no padding, fits in a query parameter unescaped):
 * {@code v2.<base64url(userReference)>.<base64url(nonce)>.<expiry epoch seconds>.<flow>.<base64url(hmac)>},
 * flow being {@code standard} or {@code webhook}, the HMAC-SHA256 covering everything before the last
 * dot. {@code v1} tags (the same without the flow) are still verified: sessions opened before the
 * upgrade may end after it. New tags are signed with the first secret; any configured secret
 * verifies, so secrets can be rotated.
 */
public final class TagSigner {

    public static final String VERSION = "v2";
    /** The format before flows: a verified v1 tag has no flow (the deployment default applies). */
    public static final String LEGACY_VERSION = "v1";
    /** Longest user reference accepted (it travels in URLs). */
    public static final int MAX_USER_REFERENCE_LENGTH = 200;
    /** Longest tag accepted for verification; anything longer cannot be ours. */
    public static final int MAX_TAG_LENGTH = 512;
    /** Shortest secret accepted, in bytes: shorter keys make HMAC forgery by guessing realistic. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final int NONCE_BYTES = 12;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final List<byte[]> keys;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TagSigner(List<String> secrets, Duration ttl, Clock clock) {
        this.keys = Hmac.keys(secrets, MIN_SECRET_BYTES, "tag secrets");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("tag secrets: at least one secret is required");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("tag ttl must be positive");
        }
        this.ttl = ttl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new tag for {@code userReference} in {@code flow}, valid for the configured time to live. */
    public SignedTag sign(String userReference, FlinksFlow flow) {
        validateUserReference(userReference);
        Objects.requireNonNull(flow, "flow");
        byte[] nonceBytes = new byte[NONCE_BYTES];
        random.nextBytes(nonceBytes);
        String nonce = B64.encodeToString(nonceBytes);
        Instant expiresAt = clock.instant().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
        String payload = VERSION
                + '.'
                + B64.encodeToString(userReference.getBytes(StandardCharsets.UTF_8))
                + '.'
                + nonce
                + '.'
                + expiresAt.getEpochSecond()
                + '.'
                + FlowNames.of(flow);
        String mac = B64.encodeToString(Hmac.sha256(keys.get(0), payload.getBytes(StandardCharsets.US_ASCII)));
        return new SignedTag(payload + '.' + mac, userReference, nonce, flow, expiresAt);
    }

    /**
     * Verifies a tag (signature, then expiry) and returns what it binds.
     *
     * @throws TagRejectedException with the reason: missing, malformed, bad signature or expired
     */
    public SignedTag verify(String tag) {
        SignedTag verified = verifyIgnoringExpiry(tag);
        if (!clock.instant().isBefore(verified.expiresAt())) {
            throw new TagRejectedException(TagRejectedException.Reason.EXPIRED, "the tag has expired");
        }
        return verified;
    }

    /**
     * Verifies a tag's signature only: for a webhook, which may legitimately come hours after the
     * session's tag expired, the tag still proves which session (and user) the login belongs to.
     *
     * @throws TagRejectedException with the reason: missing, malformed or bad signature
     */
    public SignedTag verifyIgnoringExpiry(String tag) {
        if (tag == null || tag.isBlank()) {
            throw new TagRejectedException(TagRejectedException.Reason.MISSING, "the tag is missing");
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            throw malformed("the tag is longer than " + MAX_TAG_LENGTH + " characters");
        }
        String[] parts = tag.split("\\.", -1);
        boolean v2 = parts.length == 6 && VERSION.equals(parts[0]);
        boolean v1 = parts.length == 5 && LEGACY_VERSION.equals(parts[0]);
        if (!v1 && !v2) {
            throw malformed("the tag is not a " + VERSION + " or " + LEGACY_VERSION + " signed tag");
        }
        byte[] mac;
        byte[] reference;
        long expiry;
        try {
            mac = B64D.decode(parts[parts.length - 1]);
            reference = B64D.decode(parts[1]);
            B64D.decode(parts[2]);
            expiry = Long.parseLong(parts[3]);
        } catch (IllegalArgumentException e) {
            throw malformed("the tag has an undecodable part");
        }
        String payload = tag.substring(0, tag.lastIndexOf('.'));
        // Signature before anything it covers: a tampered expiry or flow must read as forged.
        if (!Hmac.matchesAny(keys, payload.getBytes(StandardCharsets.US_ASCII), mac)) {
            throw new TagRejectedException(
                    TagRejectedException.Reason.BAD_SIGNATURE, "the tag signature does not verify");
        }
        FlinksFlow flow = null;
        if (v2) {
            try {
                flow = FlowNames.parse(parts[4]);
            } catch (IllegalArgumentException e) {
                throw malformed("the tag names an unknown flow");
            }
        }
        return new SignedTag(
                tag, new String(reference, StandardCharsets.UTF_8), parts[2], flow, Instant.ofEpochSecond(expiry));
    }

    /**
     * Checks a user reference: non-blank, at most {@link #MAX_USER_REFERENCE_LENGTH} characters, no
     * control characters.
     */
    public static void validateUserReference(String userReference) {
        if (userReference == null || userReference.isBlank()) {
            throw new IllegalArgumentException("userReference is required");
        }
        if (userReference.length() > MAX_USER_REFERENCE_LENGTH) {
            throw new IllegalArgumentException(
                    "userReference is longer than " + MAX_USER_REFERENCE_LENGTH + " characters");
        }
        if (userReference.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("userReference contains control characters");
        }
    }

    private static TagRejectedException malformed(String detail) {
        return new TagRejectedException(TagRejectedException.Reason.MALFORMED, detail);
    }
}
