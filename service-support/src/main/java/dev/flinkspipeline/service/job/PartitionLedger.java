package dev.flinkspipeline.service.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What a service already took on, per input partition and key, in memory. The durable copy is a compacted
 * ledger topic with the same partition numbers as the input, written in the same transaction as the
 * outcome; a partition's entries are loaded when it is assigned ({@link LedgerLoader}) and dropped when it
 * is revoked, and an entry is added only after the transaction that wrote it committed, so the ledger
 * never knows more than Kafka.
 *
 * @param <M> what is remembered per key
 */
public final class PartitionLedger<M> {

    private final Map<Integer, Map<String, M>> partitions = new ConcurrentHashMap<>();

    /** The entry of {@code key} in {@code partition}, or null. */
    public M get(int partition, String key) {
        Map<String, M> marks = partitions.get(partition);
        return marks == null ? null : marks.get(key);
    }

    public boolean contains(int partition, String key) {
        return get(partition, key) != null;
    }

    /** Records a committed entry. */
    public void put(int partition, String key, M mark) {
        partitions.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(key, mark);
    }

    /** Replaces a partition's entries with those loaded from the ledger topic. */
    public void load(int partition, Map<String, M> marks) {
        partitions.put(partition, new ConcurrentHashMap<>(marks));
    }

    /** Forgets a partition (revoked or lost). */
    public void drop(int partition) {
        partitions.remove(partition);
    }

    /** Forgets the entries of every partition that match {@code expired}; returns how many. */
    public int removeIf(Predicate<M> expired) {
        int removed = 0;
        for (Map<String, M> marks : partitions.values()) {
            int before = marks.size();
            marks.values().removeIf(expired);
            removed += before - marks.size();
        }
        return removed;
    }

    /** Keys known in a partition. */
    public int size(int partition) {
        Map<String, M> marks = partitions.get(partition);
        return marks == null ? 0 : marks.size();
    }

    /** Keys known in all partitions. */
    public int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }
}
