package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest snapshot of a login whose Attributes were taken on.
 *
 * @param lastRefresh       Login.LastRefresh, or null when Flinks sent none (then the requestId identifies it)
 * @param accountsRequestId the RequestId of the AccountsReady accepted for it
 * @param redriveId         the {@code flinks-redrive} header of that AccountsReady, or null when it was no re-drive
 */
public record SnapshotMark(
        String loginId,
        Instant lastRefresh,
        String accountsRequestId,
        String source,
        Instant acceptedAt,
        String redriveId) {
    public SnapshotMark {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(accountsRequestId, "accountsRequestId");
    }

    /** The mark a record of the snapshot topic holds. */
    public static SnapshotMark of(SnapshotAccepted accepted) {
        return new SnapshotMark(
                accepted.getLoginId(),
                accepted.getLastRefresh(),
                accepted.getAccountsRequestId(),
                accepted.getSource(),
                accepted.getAcceptedAt(),
                accepted.getRedriveId());
    }

    /** The record of the snapshot topic that holds this mark. */
    public SnapshotAccepted toAccepted() {
        return SnapshotAccepted.newBuilder()
                .setLoginId(loginId)
                .setLastRefresh(lastRefresh)
                .setAccountsRequestId(accountsRequestId)
                .setSource(source)
                .setAcceptedAt(acceptedAt)
                .setRedriveId(redriveId)
                .build();
    }
}
