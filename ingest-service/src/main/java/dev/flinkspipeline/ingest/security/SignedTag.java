package dev.flinkspipeline.ingest.security;

import dev.flinkspipeline.events.FlinksFlow;
import java.time.Instant;

/**
 * A signed Connect tag and what it binds.
 *
 * @param value         the tag as it travels (Connect URL, redirect, webhook {@code Tag})
 * @param userReference the application's user reference (may identify a person: never log it)
 * @param nonce         the tag's random part (base64url), unique per Connect session
 * @param flow          the session's flow; null for a {@code v1} tag, which predates flows (the
 *                      deployment default applies)
 * @param expiresAt     after this instant the tag is refused where expiry matters
 */
public record SignedTag(String value, String userReference, String nonce, FlinksFlow flow, Instant expiresAt) {

    @Override
    public String toString() {
        return "SignedTag[flow=" + flow + ", expiresAt=" + expiresAt + "]";
    }
}
