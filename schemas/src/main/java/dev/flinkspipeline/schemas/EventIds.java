package dev.flinkspipeline.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * Deterministic event ids: name-based UUIDs of <b>version 5</b> (SHA-1, RFC 9562 section 5.5) in the
 * namespace {@link #NAMESPACE}. The same input always yields the same id, in any process and any
 * release, so a redelivered webhook or a replayed poll produces an event with the same {@code eventId}
 * and consumers can deduplicate. Changing the encoding below would break that promise: do not.
 *
 * <p>Names are UTF-8 text: a kind ({@code event} or {@code payload}) followed by each part as
 * {@code |<UTF-8 byte length>:<text>}, or {@code |-} for an absent part. The length prefix makes the
 * encoding unambiguous ({@code ("a|b", "c")} and {@code ("a", "b|c")} differ), and any language can
 * reproduce an id, e.g. Python {@code uuid.uuid5(NAMESPACE, "event|13:AccountsReady|5:login|3:req")}.
 */
public final class EventIds {

    /**
     * Namespace of every event id: the version-5 UUID of the URL {@code https://flinkspipeline.dev/events}
     * in the RFC 9562 URL namespace. Fixed forever.
     */
    public static final UUID NAMESPACE = UUID.fromString("82e9c25f-b47a-5262-bff6-ff24cab22546");

    private static final UUID URL_NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private EventIds() {}

    /**
     * The id of the event {@code eventType} (e.g. {@code "AccountsReady"}) about {@code loginId} in the
     * Flinks session {@code requestIdOrNull} (null when the event has no requestId, e.g. LoginReceived).
     */
    public static UUID forEvent(String loginId, String requestIdOrNull, String eventType) {
        return forEvent(loginId, requestIdOrNull, eventType, null);
    }

    /**
     * As {@link #forEvent(String, String, String)}, with a qualifier for events that occur more than
     * once per session, e.g. the attempt number of a PollScheduled or the attribute set of an
     * AttributesReady. A null qualifier gives the same id as the three-argument form.
     */
    public static UUID forEvent(String loginId, String requestIdOrNull, String eventType, String qualifierOrNull) {
        requireText(loginId, "loginId");
        requireText(eventType, "eventType");
        StringBuilder name = new StringBuilder("event");
        part(name, eventType);
        part(name, loginId);
        part(name, requestIdOrNull);
        if (qualifierOrNull != null) {
            part(name, qualifierOrNull);
        }
        return nameUuid(NAMESPACE, name.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The id of the AccountsReady of one data snapshot of a login: the same whichever channel delivered it
     * (webhook, poll, missing-webhook fallback, a redelivery), so consumers see one id per snapshot. A
     * snapshot is named by Flinks' {@code Login.LastRefresh}; when Flinks sends none, by the
     * {@code requestIdOrNull} of the session that returned it.
     */
    public static UUID forSnapshot(String loginId, Instant lastRefreshOrNull, String requestIdOrNull) {
        String snapshot =
                lastRefreshOrNull != null ? "lastRefresh=" + lastRefreshOrNull : "requestId=" + requestIdOrNull;
        return forEvent(loginId, null, "AccountsReady", snapshot);
    }

    /**
     * The id of the event {@code eventType} derived from a received payload (e.g. a webhook body): the
     * version-5 UUID of the event type and the SHA-256 of the exact bytes, so a redelivery of the same
     * body gets the same id.
     */
    public static UUID forPayload(String eventType, byte[] body) {
        requireText(eventType, "eventType");
        Objects.requireNonNull(body, "body");
        StringBuilder name = new StringBuilder("payload");
        part(name, eventType);
        part(name, HexFormat.of().formatHex(digest("SHA-256", body)));
        return nameUuid(NAMESPACE, name.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A version-5 (SHA-1) name-based UUID, as RFC 9562 section 5.5 defines it. */
    static UUID nameUuid(UUID namespace, byte[] name) {
        ByteBuffer input = ByteBuffer.allocate(16 + name.length);
        input.putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .put(name);
        byte[] hash = digest("SHA-1", input.array());
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // RFC 4122/9562 variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }

    /** How {@link #NAMESPACE} was derived; kept so the constant can be checked by a test. */
    static UUID deriveNamespace() {
        return nameUuid(URL_NAMESPACE, "https://flinkspipeline.dev/events".getBytes(StandardCharsets.UTF_8));
    }

    private static void part(StringBuilder name, String value) {
        if (value == null) {
            name.append("|-");
        } else {
            name.append('|')
                    .append(value.getBytes(StandardCharsets.UTF_8).length)
                    .append(':')
                    .append(value);
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be null or empty");
        }
    }

    private static byte[] digest(String algorithm, byte[] input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
    }
}
