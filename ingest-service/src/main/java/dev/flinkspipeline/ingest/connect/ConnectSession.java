package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FlinksFlow;

/**
 * The Connect session an input (callback, relayed event) belongs to, as its tag tells.
 *
 * @param tag           the tag as received, or null
 * @param userReference the user reference of the verified signed tag; null when tag signing is off
 *                      (may identify a person: never log it)
 * @param flow          the session's flow: the signed tag's, else the deployment default
 * @param key           {@code connect-session:<nonce>} of the verified signed tag, the record key of a
 *                      failure that happened before Connect issued a loginId; null without signing
 */
public record ConnectSession(String tag, String userReference, FlinksFlow flow, String key) {

    @Override
    public String toString() {
        return "ConnectSession[flow=" + flow + ", key=" + key + "]";
    }
}
