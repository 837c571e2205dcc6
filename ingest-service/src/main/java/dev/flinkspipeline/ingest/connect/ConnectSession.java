package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FlinksFlow;
import java.time.Instant;

/**
 * The Connect session an input (callback, relayed event) belongs to, as its tag tells.
 *
 * @param tag           the tag as received, or null
 * @param userReference the user reference of the verified signed tag; null when tag signing is off
 *                      (may identify a person: never log it)
 * @param flow          the session's flow: the signed tag's, else the deployment default
 * @param nonce         the verified signed tag's nonce, unique per session: what binds the session to one
 *                      login; null without signing
 * @param expiresAt     when the signed tag expires; null without signing
 */
public record ConnectSession(String tag, String userReference, FlinksFlow flow, String nonce, Instant expiresAt) {

    /** Whether the session is one this service signed, so that it can be bound to a login. */
    public boolean signed() {
        return nonce != null;
    }

    /**
     * {@code connect-session:<nonce>}: the record key of a failure that happened before Connect issued a
     * loginId; null without signing.
     */
    public String key() {
        return nonce == null ? null : ConnectSessions.KEY_PREFIX + nonce;
    }

    @Override
    public String toString() {
        return "ConnectSession[flow=" + flow + ", key=" + key() + "]";
    }
}
