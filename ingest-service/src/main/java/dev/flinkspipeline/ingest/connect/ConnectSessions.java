package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.SignedTag;
import dev.flinkspipeline.ingest.security.TagRejectedException;
import dev.flinkspipeline.ingest.security.TagSigner;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells which Connect session a tag belongs to. With tag signing on, the tag must be one this service
 * signed and not expired; its flow (a {@code v2} tag) wins over the deployment default. With signing
 * off every tag passes through and the deployment default applies.
 */
public final class ConnectSessions {

    /** Prefix of the record key of a Connect failure that has no loginId: followed by the tag's nonce. */
    public static final String KEY_PREFIX = "connect-session:";

    private final Optional<TagSigner> tagSigner;
    private final FlinksFlow defaultFlow;

    public ConnectSessions(Optional<TagSigner> tagSigner, FlinksFlow defaultFlow) {
        this.tagSigner = Objects.requireNonNull(tagSigner, "tagSigner");
        this.defaultFlow = Objects.requireNonNull(defaultFlow, "defaultFlow");
    }

    /** The flow of a login whose session does not name one ({@code ingest.flow.default}). */
    public FlinksFlow defaultFlow() {
        return defaultFlow;
    }

    /**
     * The session of {@code tag} (null or empty when the input carries none).
     *
     * @throws InvalidInputException 400 with the tag's rejection code when signing is on and the tag is
     *         missing, malformed, forged or expired
     */
    public ConnectSession of(String tag) {
        String cleanTag = tag == null || tag.isEmpty() ? null : tag;
        if (tagSigner.isEmpty()) {
            return new ConnectSession(cleanTag, null, defaultFlow, null, null);
        }
        SignedTag verified;
        try {
            verified = tagSigner.get().verify(cleanTag);
        } catch (TagRejectedException e) {
            throw InvalidInputException.badRequest(e.reason().code(), "tag rejected", capitalize(e.getMessage()) + ".");
        }
        return new ConnectSession(
                cleanTag,
                verified.userReference(),
                verified.flow() != null ? verified.flow() : defaultFlow,
                verified.nonce(),
                verified.expiresAt());
    }

    /** {@code connect-session:<nonce>}: the key of this session's failures that have no loginId. */
    public static String key(SignedTag tag) {
        return KEY_PREFIX + tag.nonce();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
