package dev.flinkspipeline.service.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable delay topic for "run this step at time T": a batch is split per partition ({@link DueRecords}), the
 * due steps run concurrently ({@link StepBatch}), their records, the re-enqueued ones, the dead letters and the
 * offsets commit in one transaction ({@link BatchCommit}), then each partition is paused until its next due
 * time, so no thread waits for one.
 *
 * @param <J> a job
 * @param <R> what its step yields
 */
public final class DelayTopic<J, R> {

    private static final Logger log = LoggerFactory.getLogger(DelayTopic.class);

    /** A job read off a record, and when its step is due. */
    public record Timed<J>(J job, Instant dueAt) {}

    private final String listenerId;
    private final String name;
    private final StepBatch.Steps<J, R> steps;
    private final Function<ConsumerRecord<Object, Object>, Timed<J>> read;
    private final Duration maxPause;
    private final boolean inOrder;
    private final JobEngine engine;

    /**
     * @param name     the listener's tag on the batch meters
     * @param read     the job of a record; throws when the record is not a valid job (a dead letter)
     * @param maxPause see {@link DueRecords#split}
     * @param inOrder  see {@link DueRecords#split}
     */
    public DelayTopic(
            String listenerId,
            String name,
            StepBatch.Steps<J, R> steps,
            Function<ConsumerRecord<Object, Object>, Timed<J>> read,
            Duration maxPause,
            boolean inOrder,
            JobEngine engine) {
        this.listenerId = listenerId;
        this.name = name;
        this.steps = steps;
        this.read = read;
        this.maxPause = maxPause;
        this.inOrder = inOrder;
        this.engine = engine;
    }

    /** Handles one batch of the listener's delay topic. */
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        JobMetrics metrics = engine.metrics();
        Instant now = engine.clock().instant();
        DueRecords<Timed<J>> split = DueRecords.split(records, now, maxPause, inOrder, read, Timed::dueAt);
        List<ConsumerRecord<Object, Object>> sources =
                new ArrayList<>(split.due().size());
        List<J> due = new ArrayList<>(split.due().size());
        Duration mostOverdue = Duration.ZERO;
        for (DueRecords.Due<Timed<J>> d : split.due()) {
            Duration late = Duration.between(d.job().dueAt(), now);
            metrics.lateness(late);
            mostOverdue = late.compareTo(mostOverdue) > 0 ? late : mostOverdue;
            sources.add(d.record());
            due.add(d.job().job());
        }
        long runStart = System.nanoTime();
        List<R> results = engine.run(steps, listenerId, due, sources);
        long commitStart = System.nanoTime();
        if (!split.nextOffsets().isEmpty()
                && !engine.commit()
                        .commit(
                                listenerId,
                                records,
                                consumer,
                                steps,
                                results,
                                split.requeued(),
                                split.letters(),
                                split.nextOffsets())) {
            return;
        }
        split.requeued().forEach(r -> metrics.requeued());
        split.pauseHeads(consumer, engine.pauser(), listenerId);
        reportPending(consumer, records);
        long end = System.nanoTime();
        metrics.batch(name, Duration.ofNanos(commitStart - runStart), Duration.ofNanos(end - commitStart));
        if (log.isDebugEnabled()) {
            log.debug(
                    "{}: batch of {} records of {}: {} due (the most overdue {} ms late), steps {} ms, commit {} ms, "
                            + "paused {}",
                    listenerId,
                    records.size(),
                    split.nextOffsets().keySet(),
                    due.size(),
                    mostOverdue.toMillis(),
                    (commitStart - runStart) / 1_000_000,
                    (end - commitStart) / 1_000_000,
                    split.resumeAt());
        }
    }

    /** Records not yet consumed on this consumer's partitions of the topic: each is one pending job. */
    private void reportPending(Consumer<?, ?> consumer, List<ConsumerRecord<Object, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        long pending = 0;
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(topic)) {
                OptionalLong lag = consumer.currentLag(tp);
                pending += lag.orElse(0);
            }
        }
        engine.metrics().pending(Thread.currentThread().getName(), pending);
    }
}
