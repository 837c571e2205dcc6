package dev.flinkspipeline.streams.topology;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.SnapshotPart;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The parts of split AccountsReady snapshots read so far, as their record bytes, until the last part arrives: the
 * snapshot is split whole, so an account cut by transactions keeps one state, its transaction count and its
 * transaction keys. The store is changelogged, so a restart resumes with the parts already read. Each value holds the
 * record time before the bytes, so parts whose snapshot never completes are forgotten with the marks.
 */
final class PendingParts {

    /** What the last part of a snapshot yields. */
    sealed interface Outcome permits Waiting, Complete, Incomplete {}

    /** Stored; the snapshot is not complete yet. */
    record Waiting() implements Outcome {}

    /** Every part, in order (the last one included). */
    record Complete(List<AccountsReady> parts) implements Outcome {}

    /** The last part arrived but these earlier parts were never read (dead-lettered, or read from mid-snapshot). */
    record Incomplete(List<Integer> missing) implements Outcome {}

    private final KeyValueStore<String, byte[]> store;
    private final Function<byte[], AccountsReady> decoder;

    PendingParts(KeyValueStore<String, byte[]> store, Function<byte[], AccountsReady> decoder) {
        this.store = store;
        this.decoder = decoder;
    }

    /**
     * Keeps {@code part} (its record bytes {@code value}, read at {@code recordTimeMs}), or, for the last part, takes
     * the earlier ones out of the store.
     */
    Outcome offer(AccountsReady part, byte[] value, long recordTimeMs) {
        SnapshotPart where = part.getPart();
        if (where.getIndex() < where.getCount() - 1) {
            store.put(
                    key(part, where.getIndex()),
                    ByteBuffer.allocate(Long.BYTES + value.length)
                            .putLong(recordTimeMs)
                            .put(value)
                            .array());
            return new Waiting();
        }
        List<AccountsReady> parts = new ArrayList<>(where.getCount());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < where.getCount() - 1; i++) {
            byte[] stored = store.get(key(part, i));
            if (stored == null) {
                missing.add(i);
            } else {
                parts.add(decoder.apply(Arrays.copyOfRange(stored, Long.BYTES, stored.length)));
            }
        }
        for (int i = 0; i < where.getCount() - 1; i++) {
            store.delete(key(part, i));
        }
        if (!missing.isEmpty()) {
            return new Incomplete(missing);
        }
        parts.add(part);
        return new Complete(parts);
    }

    /** Deletes parts read before {@code cutoffMs}; returns how many. */
    int purge(long cutoffMs) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (ByteBuffer.wrap(entry.value).getLong() < cutoffMs) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        return expired.size();
    }

    /** loginId first: the input is keyed by loginId, so a login's parts live in its partition's task. */
    private static String key(AccountsReady part, int index) {
        SnapshotPart where = part.getPart();
        return part.getLoginId() + '/' + where.getSnapshotEventId() + '/' + where.getCount() + '/' + index;
    }
}
