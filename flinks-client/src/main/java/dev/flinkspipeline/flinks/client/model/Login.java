package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * The {@code Login} object of Authorize, GetAccountsDetail and Attributes answers.
 *
 * @param id                 the loginId
 * @param username           the bank username (personal data: never log it)
 * @param isScheduledRefresh whether nightly refresh is on
 * @param lastRefresh        the last aggregation, UTC; {@link #NEVER_REFRESHED} for Flinks' sentinel
 * @param type               {@code Personal} or {@code Business}
 * @param extra              fields this model does not name
 */
public record Login(
        String id,
        String username,
        Boolean isScheduledRefresh,
        Instant lastRefresh,
        String type,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    /** Flinks' {@code 0001-01-01T00:00:00}: the login was never refreshed. */
    public static final Instant NEVER_REFRESHED = Instant.parse("0001-01-01T00:00:00Z");

    public Login {
        extra = Extras.copy(extra);
    }

    /** Whether {@link #lastRefresh()} is a real time rather than absent or the "never" sentinel. */
    public boolean hasBeenRefreshed() {
        return lastRefresh != null && !NEVER_REFRESHED.equals(lastRefresh);
    }

    @Override
    public String toString() {
        return "Login[id=" + id + ", type=" + type + ", lastRefresh=" + lastRefresh + "]";
    }
}
