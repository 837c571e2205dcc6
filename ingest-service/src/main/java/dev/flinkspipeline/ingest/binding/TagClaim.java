package dev.flinkspipeline.ingest.binding;

import java.time.Instant;
import java.util.Objects;

/**
 * One instance's claim that a Connect session (its signed tag) belongs to a login: a record of the
 * tag-bindings topic, key = {@link #sessionId()}.
 *
 * @param sessionId the signed tag's nonce: random, unique per Connect session
 * @param loginId   the Flinks loginId (lower-case GUID)
 * @param content   a fingerprint of what the login's LoginReceived says beyond its id (institution, account
 *                  ids), or null for a claim that carries no LoginReceived (a relayed failure naming a login)
 * @param expiresAt when the tag expires: the binding matters until then (plus a grace for clock skew)
 */
public record TagClaim(String sessionId, String loginId, String content, Instant expiresAt) {

    public TagClaim {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "TagClaim[loginId=" + loginId + ", expiresAt=" + expiresAt + "]";
    }
}
