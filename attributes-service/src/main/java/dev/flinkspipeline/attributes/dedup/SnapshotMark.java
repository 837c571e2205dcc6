package dev.flinkspipeline.attributes.dedup;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest snapshot of a login whose Attributes were taken on.
 *
 * @param lastRefresh       Login.LastRefresh, or null when Flinks sent none (then the requestId identifies it)
 * @param accountsRequestId the RequestId of the AccountsReady accepted for it
 */
public record SnapshotMark(String loginId, Instant lastRefresh, String accountsRequestId, String source,
                           Instant acceptedAt) {
    public SnapshotMark {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(accountsRequestId, "accountsRequestId");
    }
}
