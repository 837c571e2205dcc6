package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a consumed batch's transaction; when it fails (Kafka or the schema registry away), seeks every partition
 * of the batch back to its first record and pauses it with jittered exponential backoff, so the same records are
 * read again later while the consumer keeps polling (nothing of the batch was committed).
 * Hand-written rather than spring-kafka's after-rollback processing, which seeks the whole batch and sleeps the
 * consumer thread: here only the batch's partitions wait, and a listener also commits partial batches (due prefixes).
 */
public final class FailedBatches {

    private static final Logger log = LoggerFactory.getLogger(FailedBatches.class);

    private final PartitionPauser pauser;
    private final Backoff backoff;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Map<String, AtomicInteger> consecutive = new ConcurrentHashMap<>();

    public FailedBatches(PartitionPauser pauser, Backoff backoff, JobMetrics metrics, Clock clock) {
        this.pauser = pauser;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Runs {@code transaction} for the batch {@code records} of listener {@code listenerId}.
     *
     * @return whether it committed; when not, the batch's partitions are rewound and paused
     */
    public boolean commit(
            String listenerId,
            List<? extends ConsumerRecord<?, ?>> records,
            Consumer<?, ?> consumer,
            Runnable transaction) {
        AtomicInteger failures = consecutive.computeIfAbsent(listenerId, id -> new AtomicInteger());
        try {
            transaction.run();
            failures.set(0);
            return true;
        } catch (RuntimeException e) {
            long ceiling =
                    backoff.ceiling(Math.min(failures.incrementAndGet(), 30)).toMillis();
            Duration pause = Duration.ofMillis(
                    Math.max(100, ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1)));
            ConsumedRecords.rewind(records, consumer)
                    .keySet()
                    .forEach(tp ->
                            pauser.pauseUntil(listenerId, tp, clock.instant().plus(pause)));
            metrics.batchFailed(listenerId);
            log.warn(
                    "{}: a batch of {} records could not be committed; it is read again in {} ms: {}",
                    listenerId,
                    records.size(),
                    pause.toMillis(),
                    e.toString());
            return false;
        }
    }
}
