package dev.flinkspipeline.streams.topology;

import dev.flinkspipeline.streams.snapshot.SeenTransaction;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deletes the marks of accounts and transactions not seen since a record time. Both kinds of marks carry their last
 * sighting as their second field ({@code v1|<lastSeenMs>|...}).
 */
final class ExpiredMarks {

    private ExpiredMarks() {}

    /** Deletes every mark last seen before {@code cutoffMs}; returns how many. */
    static int purge(KeyValueStore<String, String> store, long cutoffMs) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, String> marks = store.all()) {
            while (marks.hasNext()) {
                KeyValue<String, String> mark = marks.next();
                if (SeenTransaction.lastSeenMs(mark.value) < cutoffMs) {
                    expired.add(mark.key);
                }
            }
        }
        expired.forEach(store::delete);
        return expired.size();
    }
}
