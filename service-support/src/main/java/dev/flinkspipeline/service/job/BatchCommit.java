package dev.flinkspipeline.service.job;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The one commit path of the job listeners: a batch's records, dead letters and offsets in one Kafka transaction, so
 * a crash neither loses a record nor yields two outcomes for one input. A failed transaction rewinds the batch's
 * partitions and pauses them with jittered backoff. Hand-written rather than spring-kafka's after-rollback processing, which seeks the whole batch and sleeps the
 * consumer thread: here only the batch's partitions wait, and a listener also commits partial batches.
 */
public final class BatchCommit {

    private static final Logger log = LoggerFactory.getLogger(BatchCommit.class);
    private static final int EXTRA = -1; // the result of an extra record

    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final PartitionPauser pauser;
    private final Backoff backoff;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Map<String, AtomicInteger> consecutive = new ConcurrentHashMap<>();

    /** @param deadLetters publishes dead letters; it joins the transaction of the calling thread */
    public BatchCommit(
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            PartitionPauser pauser,
            Backoff backoff,
            JobMetrics metrics,
            Clock clock) {
        if (!template.isTransactional()) {
            throw new IllegalArgumentException("a transactional KafkaTemplate is needed");
        }
        this.template = template;
        this.deadLetters = deadLetters;
        this.pauser = pauser;
        this.backoff = backoff;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Runs the steps of {@code jobs} (read off {@code sources}), commits as {@link #commit} and meters the batch. */
    public <J, R> boolean runAndCommit(
            String listenerId,
            String name,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            StepBatch<J, R> steps,
            List<J> jobs,
            List<ConsumerRecord<Object, Object>> sources,
            List<ProducerRecord<Object, Object>> extra,
            List<DeadLetters.Letter> letters,
            Map<TopicPartition, Long> nextOffsets) {
        long runStart = System.nanoTime();
        List<R> results = steps.run(listenerId, jobs, sources);
        long commitStart = System.nanoTime();
        if (!nextOffsets.isEmpty()
                && !commit(listenerId, batch, consumer, steps, results, extra, letters, nextOffsets)) {
            return false;
        }
        metrics.batch(
                name, Duration.ofNanos(commitStart - runStart), Duration.ofNanos(System.nanoTime() - commitStart));
        return true;
    }

    /**
     * Commits the records of {@code results} ({@code steps} null when none; refused for their size: written as
     * {@link StepBatch#tooLarge}), {@code extra}, {@code letters} and the (not empty) {@code nextOffsets}, then
     * counts and logs each result; false when not committed (the batch's partitions are rewound and paused).
     */
    public <R> boolean commit(
            String listenerId,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            StepBatch<?, R> steps,
            List<R> results,
            List<ProducerRecord<Object, Object>> extra,
            List<DeadLetters.Letter> letters,
            Map<TopicPartition, Long> nextOffsets) {
        List<R> written = new ArrayList<>(results);
        AtomicInteger failures = consecutive.computeIfAbsent(listenerId, id -> new AtomicInteger());
        Set<Integer> tooLarge = new TreeSet<>();
        try {
            try {
                transaction(steps, written, extra, letters, nextOffsets, consumer, tooLarge);
            } catch (RecordTooLargeException e) {
                if (tooLarge.isEmpty() || tooLarge.contains(EXTRA)) {
                    throw e; // an extra record: never that large
                }
                tooLarge.forEach(i -> written.set(i, steps.tooLarge(written.get(i))));
                transaction(steps, written, extra, letters, nextOffsets, consumer, new TreeSet<>());
            }
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
        for (DeadLetters.Letter letter : letters) {
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
        written.forEach(steps == null ? r -> {} : steps::committed);
        return true;
    }

    /** One transaction, aborted when Kafka refused records for their size: their results go into {@code tooLarge}. */
    private <R> void transaction(
            StepBatch<?, R> steps,
            List<R> written,
            List<ProducerRecord<Object, Object>> extra,
            List<DeadLetters.Letter> letters,
            Map<TopicPartition, Long> nextOffsets,
            Consumer<?, ?> consumer,
            Set<Integer> tooLarge) {
        template.executeInTransaction(ops -> {
            Map<CompletableFuture<?>, Integer> sends = new HashMap<>(); // the result of each send
            for (int i = 0; i < written.size(); i++) {
                for (ProducerRecord<Object, Object> record : steps.records(written.get(i))) {
                    sends.put(ops.send(record), i);
                }
            }
            extra.forEach(record -> sends.put(ops.send(record), EXTRA));
            letters.forEach(letter -> deadLetters.accept(letter.record(), letter.reason()));
            ops.flush();
            sends.forEach((send, result) -> {
                if (send.isCompletedExceptionally() && tooLarge(send.exceptionNow())) {
                    tooLarge.add(result);
                }
            });
            if (!tooLarge.isEmpty()) {
                throw new RecordTooLargeException(tooLarge.size() + " results' records are larger than Kafka accepts");
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
            ops.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            return null;
        });
    }

    private static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
