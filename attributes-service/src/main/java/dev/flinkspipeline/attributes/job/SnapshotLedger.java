package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Clock;
import java.time.Instant;

/**
 * The latest accepted snapshot per login, per input partition: the engine's {@link IdempotencyLedger} keyed by
 * loginId whose durable copy is the compacted snapshot topic (same partition numbers as AccountsReady).
 */
public final class SnapshotLedger {

    private final IdempotencyLedger<SnapshotMark> marks;

    /** @param topic the compacted snapshot topic */
    public SnapshotLedger(String topic) {
        this.marks = new IdempotencyLedger<>(
                topic,
                SnapshotMark::toAccepted,
                (loginId, value) -> value instanceof SnapshotAccepted s ? SnapshotMark.of(s) : null,
                null,
                null,
                Clock.systemUTC());
    }

    /** The underlying ledger (its loader, the listener's intake). */
    public IdempotencyLedger<SnapshotMark> entries() {
        return marks;
    }

    public int size() {
        return marks.size();
    }

    /**
     * Compares an arriving snapshot with the login's latest accepted one ({@code latest}, or null). Snapshots are
     * identified by Login.LastRefresh (a redelivered webhook and the poll of the same refresh carry the same one);
     * when either side has none, by the AccountsReady requestId. A re-drive (an operator re-published an
     * AccountsReady after its job failed; {@code redriveId} from the {@code flinks-redrive} header, else null) is
     * {@code NEW} once per redrive id: the same re-drive delivered again is a {@code DUPLICATE}.
     */
    public static SnapshotVerdict judge(
            SnapshotMark latest, Instant lastRefresh, String accountsRequestId, String redriveId) {
        if (redriveId != null) {
            return latest != null && redriveId.equals(latest.redriveId())
                    ? SnapshotVerdict.DUPLICATE
                    : SnapshotVerdict.NEW;
        }
        if (latest == null) {
            return SnapshotVerdict.NEW;
        }
        if (lastRefresh != null && latest.lastRefresh() != null) {
            int order = lastRefresh.compareTo(latest.lastRefresh());
            return order == 0 ? SnapshotVerdict.DUPLICATE : order < 0 ? SnapshotVerdict.STALE : SnapshotVerdict.NEW;
        }
        return latest.accountsRequestId().equals(accountsRequestId) ? SnapshotVerdict.DUPLICATE : SnapshotVerdict.NEW;
    }
}
