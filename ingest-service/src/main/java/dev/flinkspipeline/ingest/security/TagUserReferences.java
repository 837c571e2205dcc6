package dev.flinkspipeline.ingest.security;

import java.util.Objects;
import java.util.Optional;

/**
 * The user reference a webhook's {@code Tag} names, when it is a tag this service signed. Expiry is
 * ignored: a GetAccountsDetail webhook may come hours after the Connect session's tag expired, and the
 * signature alone proves which user the session was for. A foreign or forged tag names nobody; it never
 * costs the webhook (the webhook's own HMAC authenticates it).
 */
public final class TagUserReferences {

    private final Optional<TagSigner> tagSigner;

    public TagUserReferences(Optional<TagSigner> tagSigner) {
        this.tagSigner = Objects.requireNonNull(tagSigner, "tagSigner");
    }

    /** The user reference of {@code tag}, or null (no tag, tag signing off, not a tag we signed). */
    public String of(String tag) {
        if (tagSigner.isEmpty() || tag == null || tag.isBlank()) {
            return null;
        }
        try {
            return tagSigner.get().verifyIgnoringExpiry(tag).userReference();
        } catch (TagRejectedException e) {
            return null;
        }
    }
}
