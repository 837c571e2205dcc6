package dev.flinkspipeline.attributes.dedup;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest accepted snapshot per login, per input partition, in memory. The durable copy is the
 * compacted snapshot topic (same partition numbers as the input); a partition's entries are loaded when it
 * is assigned and dropped when it is revoked, and an entry is added only after the transaction that wrote
 * it committed, so the ledger never knows more than Kafka.
 */
public final class SnapshotLedger {

    private final Map<Integer, Map<String, SnapshotMark>> partitions = new ConcurrentHashMap<>();

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

    /** The latest accepted snapshot of a login in a partition, or null. */
    public SnapshotMark latest(int partition, String loginId) {
        Map<String, SnapshotMark> marks = partitions.get(partition);
        return marks == null ? null : marks.get(loginId);
    }

    public SnapshotVerdict judge(int partition, String loginId, Instant lastRefresh, String accountsRequestId) {
        Map<String, SnapshotMark> marks = partitions.get(partition);
        return judge(marks == null ? null : marks.get(loginId), lastRefresh, accountsRequestId);
    }

    /** Records a committed mark. */
    public void accept(int partition, SnapshotMark mark) {
        partitions.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(mark.loginId(), mark);
    }

    /** Replaces a partition's marks with those loaded from the snapshot topic. */
    public void load(int partition, Map<String, SnapshotMark> marks) {
        partitions.put(partition, new ConcurrentHashMap<>(marks));
    }

    public void drop(int partition) {
        partitions.remove(partition);
    }

    /** Logins known in a partition (for metrics and tests). */
    public int size(int partition) {
        Map<String, SnapshotMark> marks = partitions.get(partition);
        return marks == null ? 0 : marks.size();
    }

    public int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }
}
