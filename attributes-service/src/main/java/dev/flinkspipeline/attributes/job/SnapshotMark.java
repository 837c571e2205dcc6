package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The latest snapshot of a login whose Attributes were taken on: its Login.LastRefresh (null when Flinks sent none,
 * then the requestId identifies it), the AccountsReady requestId and {@code flinks-redrive} header (or null).
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

    /** What an arriving AccountsReady is, compared with the login's latest accepted snapshot. */
    public enum Verdict {
        /** A snapshot not seen before: fetch its Attributes. */
        NEW,
        /** The same snapshot again (a redelivered webhook, or the other flow for the same refresh). */
        DUPLICATE,
        /** An older snapshot than one already taken on: its Attributes would not be newer, skip it. */
        STALE;

        /** Metric tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The latest mark per login, per input partition, keyed by loginId; its durable copy is the compacted snapshot
     * {@code topic} (same partition numbers as AccountsReady).
     */
    public static IdempotencyLedger<SnapshotMark> ledger(String topic) {
        return new IdempotencyLedger<>(
                topic,
                SnapshotMark::toAccepted,
                (loginId, value) -> value instanceof SnapshotAccepted s ? of(s) : null,
                null,
                null,
                Clock.systemUTC());
    }

    /**
     * Compares an arriving snapshot with the login's latest accepted one ({@code latest}, or null). Snapshots are
     * identified by Login.LastRefresh (a redelivered webhook and the poll of the same refresh carry the same one);
     * when either side has none, by the AccountsReady requestId. A re-drive (an operator re-published an
     * AccountsReady after its job failed; {@code redriveId} from the {@code flinks-redrive} header, else null) is
     * {@code NEW} once per redrive id: the same re-drive delivered again is a {@code DUPLICATE}.
     */
    public static Verdict judge(SnapshotMark latest, Instant lastRefresh, String accountsRequestId, String redriveId) {
        if (redriveId != null) {
            return latest != null && redriveId.equals(latest.redriveId()) ? Verdict.DUPLICATE : Verdict.NEW;
        }
        if (latest == null) {
            return Verdict.NEW;
        }
        if (lastRefresh != null && latest.lastRefresh() != null) {
            int order = lastRefresh.compareTo(latest.lastRefresh());
            return order == 0 ? Verdict.DUPLICATE : order < 0 ? Verdict.STALE : Verdict.NEW;
        }
        return latest.accountsRequestId().equals(accountsRequestId) ? Verdict.DUPLICATE : Verdict.NEW;
    }

    public static SnapshotMark of(SnapshotAccepted accepted) {
        return new SnapshotMark(
                accepted.getLoginId(),
                accepted.getLastRefresh(),
                accepted.getAccountsRequestId(),
                accepted.getSource(),
                accepted.getAcceptedAt(),
                accepted.getRedriveId());
    }

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
