package dev.flinkspipeline.service.job;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The one commit path of the job listeners: a consumed batch's records, dead letters and offsets in one
 * transaction ({@link TransactionalBatch}), its dead letters counted and logged once it committed. When the
 * transaction fails (Kafka or the schema registry away), every partition of the batch is sought back to its
 * first record and paused with jittered exponential backoff, so the same records are read again later while
 * the consumer keeps polling. Hand-written rather than spring-kafka's after-rollback processing, which seeks the
 * whole batch and sleeps the consumer thread: here only the batch's partitions wait, and a listener also commits
 * partial batches (due prefixes).
 */
public final class BatchCommit {

    private static final Logger log = LoggerFactory.getLogger(BatchCommit.class);

    private final TransactionalBatch<Object, Object> transaction;
    private final PartitionPauser pauser;
    private final Backoff backoff;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Map<String, AtomicInteger> consecutive = new ConcurrentHashMap<>();

    public BatchCommit(
            TransactionalBatch<Object, Object> transaction,
            PartitionPauser pauser,
            Backoff backoff,
            JobMetrics metrics,
            Clock clock) {
        this.transaction = transaction;
        this.pauser = pauser;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Commits {@code records}, {@code letters} and the offsets up to {@code nextOffsets} for the batch
     * {@code batch} of listener {@code listenerId}.
     *
     * @return whether it committed; when not, the batch's partitions are rewound and paused
     */
    public boolean commit(
            String listenerId,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            List<ProducerRecord<Object, Object>> records,
            List<DeadLetter> letters,
            Map<TopicPartition, Long> nextOffsets) {
        return commit(listenerId, batch, consumer, null, List.of(), records, letters, nextOffsets);
    }

    /**
     * As {@link #commit(String, List, Consumer, List, List, Map)}, the records of the step {@code results} first,
     * then {@code extra} (state that must commit with them); a result whose records Kafka refuses for their size
     * is written as {@link StepBatch.Steps#tooLarge}. Once committed, each result is counted and logged.
     */
    public <R> boolean commit(
            String listenerId,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            StepBatch.Steps<?, R> steps,
            List<R> results,
            List<ProducerRecord<Object, Object>> extra,
            List<DeadLetter> letters,
            Map<TopicPartition, Long> nextOffsets) {
        List<R> written = new ArrayList<>(results);
        boolean committed = run(listenerId, batch, consumer, letters, () -> {
            List<List<ProducerRecord<Object, Object>>> records = new ArrayList<>(written.size());
            written.forEach(result -> records.add(steps.records(result)));
            try {
                transaction.commit(flatten(records, extra), letters, nextOffsets, consumer.groupMetadata());
            } catch (TransactionalBatch.RecordsTooLarge e) {
                Set<Integer> refused = new TreeSet<>();
                for (int index : e.indices()) {
                    int i = resultOf(records, index);
                    if (i < 0) {
                        throw e; // an extra record: never that large
                    }
                    refused.add(i);
                }
                for (int i : refused) {
                    written.set(i, steps.tooLarge(written.get(i)));
                    records.set(i, steps.records(written.get(i)));
                }
                transaction.commit(flatten(records, extra), letters, nextOffsets, consumer.groupMetadata());
            }
        });
        if (committed) {
            for (R result : written) {
                steps.committed(result);
            }
        }
        return committed;
    }

    private boolean run(
            String listenerId,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            List<DeadLetter> letters,
            Runnable commit) {
        AtomicInteger failures = consecutive.computeIfAbsent(listenerId, id -> new AtomicInteger());
        try {
            commit.run();
            failures.set(0);
        } catch (RuntimeException e) {
            long ceiling =
                    backoff.ceiling(Math.min(failures.incrementAndGet(), 30)).toMillis();
            Duration pause = Duration.ofMillis(
                    Math.max(100, ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1)));
            ConsumedRecords.rewind(batch, consumer)
                    .keySet()
                    .forEach(tp ->
                            pauser.pauseUntil(listenerId, tp, clock.instant().plus(pause)));
            metrics.batchFailed(listenerId);
            log.warn(
                    "{}: a batch of {} records could not be committed; it is read again in {} ms: {}",
                    listenerId,
                    batch.size(),
                    pause.toMillis(),
                    e.toString());
            return false;
        }
        for (DeadLetter letter : letters) {
            String dlt = Topics.dlt(letter.record().topic());
            metrics.deadLetter(
                    dlt, letter.reason() instanceof DeserializationException ? "undeserializable" : "invalid");
            log.warn(
                    "Record {}-{}@{} sent to {}: {}",
                    letter.record().topic(),
                    letter.record().partition(),
                    letter.record().offset(),
                    dlt,
                    letter.reason().getMessage());
        }
        return true;
    }

    private static List<ProducerRecord<Object, Object>> flatten(
            List<List<ProducerRecord<Object, Object>>> written, List<ProducerRecord<Object, Object>> extra) {
        List<ProducerRecord<Object, Object>> records = new ArrayList<>(written.size() + extra.size());
        written.forEach(records::addAll);
        records.addAll(extra);
        return records;
    }

    /** The result whose records hold the flattened {@code index}, or -1 for an extra record. */
    private static int resultOf(List<List<ProducerRecord<Object, Object>>> written, int index) {
        int end = 0;
        for (int i = 0; i < written.size(); i++) {
            end += written.get(i).size();
            if (index < end) {
                return i;
            }
        }
        return -1;
    }
}
