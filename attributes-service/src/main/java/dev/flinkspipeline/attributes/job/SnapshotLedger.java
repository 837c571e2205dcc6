package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The latest accepted snapshot per login, per input partition: the engine's {@link IdempotencyLedger} keyed by
 * loginId whose durable copy is the compacted snapshot topic (same partition numbers as AccountsReady).
 */
public final class SnapshotLedger {

    private final IdempotencyLedger<SnapshotMark> marks;

    public SnapshotLedger() {
        this(Topics.ATTRIBUTES_SNAPSHOTS);
    }

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

    /** The underlying ledger (for its loader). */
    public IdempotencyLedger<SnapshotMark> entries() {
        return marks;
    }

    /**
     * Compares an arriving snapshot with the latest accepted one of the login. Snapshots are identified by
     * Login.LastRefresh (a redelivered webhook and the poll of the same refresh carry the same one); when
     * either side has none, by the AccountsReady requestId.
     */
    public static SnapshotVerdict judge(SnapshotMark latest, Instant lastRefresh, String accountsRequestId) {
        if (latest == null) {
            return SnapshotVerdict.NEW;
        }
        if (lastRefresh != null && latest.lastRefresh() != null) {
            int order = lastRefresh.compareTo(latest.lastRefresh());
            return order == 0 ? SnapshotVerdict.DUPLICATE : order < 0 ? SnapshotVerdict.STALE : SnapshotVerdict.NEW;
        }
        return latest.accountsRequestId().equals(accountsRequestId) ? SnapshotVerdict.DUPLICATE : SnapshotVerdict.NEW;
    }

    /**
     * As {@link #judge(SnapshotMark, Instant, String)}, for a record that may be a re-drive: an operator
     * re-published an AccountsReady after its job failed ({@code redriveId} from the {@code flinks-redrive}
     * header), so it is {@code NEW} although its snapshot was taken on, once per redrive id: the same
     * re-drive delivered again is a {@code DUPLICATE}.
     */
    public static SnapshotVerdict judge(
            SnapshotMark latest, Instant lastRefresh, String accountsRequestId, String redriveId) {
        if (redriveId == null) {
            return judge(latest, lastRefresh, accountsRequestId);
        }
        return latest != null && redriveId.equals(latest.redriveId()) ? SnapshotVerdict.DUPLICATE : SnapshotVerdict.NEW;
    }

    /** The latest accepted snapshot of a login in a partition, or null. */
    public SnapshotMark latest(int partition, String loginId) {
        return marks.processed(partition, loginId);
    }

    public SnapshotVerdict judge(int partition, String loginId, Instant lastRefresh, String accountsRequestId) {
        return judge(latest(partition, loginId), lastRefresh, accountsRequestId);
    }

    /** The snapshot state of {@code mark}, in the partition number of the AccountsReady it came from. */
    public ProducerRecord<Object, Object> record(int partition, SnapshotMark mark) {
        return marks.record(partition, mark.loginId(), mark);
    }

    /** Records a committed mark. */
    public void accept(int partition, SnapshotMark mark) {
        marks.committed(partition, mark.loginId(), mark);
    }

    /** Replaces a partition's marks with those loaded from the snapshot topic. */
    public void load(int partition, Map<String, SnapshotMark> loaded) {
        marks.entries().load(partition, loaded);
    }

    public void drop(int partition) {
        marks.entries().drop(partition);
    }

    public int size() {
        return marks.size();
    }
}
