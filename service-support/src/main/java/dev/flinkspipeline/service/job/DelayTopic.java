package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable delay topic for "run this step at time T". A batch is split per partition ({@link #split}): the records
 * up to a partition's last due one are handled now (due ones run, unreadable ones are dead letters, one not due ahead
 * of a due one is re-enqueued at the tail); where records are written in due order, a partition instead stops at
 * its first record not due. Steps, re-enqueued records, dead letters and offsets commit in one transaction, then
 * each partition is sought back to its first record left and paused until its earliest due time, so no thread
 * waits.
 *
 * @param <V> the record value
 * @param <J> a job
 */
public final class DelayTopic<V, J> {

    private static final Logger log = LoggerFactory.getLogger(DelayTopic.class);

    /** A job read off a record, and when its step is due. */
    public record Timed<J>(J job, Instant dueAt) {}

    /** A due job, the record it came from and when it was due. */
    public record Due<J>(ConsumerRecord<Object, Object> record, J job, Instant dueAt) {}

    /**
     * A batch split at one instant.
     *
     * @param requeued    records not due yet that stood ahead of a due one, again, for the tail of their partition
     * @param nextOffsets the offsets to commit: past each partition's handled records
     * @param heads       the first record left of each waiting partition
     * @param resumeAt    when each waiting partition is resumed
     */
    public record Split<J>(
            List<Due<J>> due,
            List<ProducerRecord<Object, Object>> requeued,
            List<DeadLetter> letters,
            Map<TopicPartition, Long> nextOffsets,
            Map<TopicPartition, Long> heads,
            Map<TopicPartition, Instant> resumeAt) {}

    private final String listenerId;
    private final String name;
    private final Class<V> type;
    private final Function<V, Timed<J>> read;
    private final Duration maxPause;
    private final boolean inOrder;
    private final JobEngine engine;

    /**
     * @param name     the listener's tag on the batch meters
     * @param read     the job of a record's value; throws when it is not a valid job (a dead letter)
     * @param maxPause longest pause of a partition (to notice sooner jobs appended meanwhile), or null: none
     * @param inOrder  records of a partition are in due order: stop at the first one not due, re-enqueue none
     */
    public DelayTopic(
            String listenerId,
            String name,
            Class<V> type,
            Function<V, Timed<J>> read,
            Duration maxPause,
            boolean inOrder,
            JobEngine engine) {
        this.listenerId = listenerId;
        this.name = name;
        this.type = type;
        this.read = read;
        this.maxPause = maxPause;
        this.inOrder = inOrder;
        this.engine = engine;
    }

    /** Handles one batch: runs the due steps of {@code steps}, commits, pauses. */
    public <R> void onBatch(
            List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer, StepBatch<J, R> steps) {
        JobMetrics metrics = engine.metrics();
        Instant now = engine.clock().instant();
        Split<J> split = split(records, now);
        List<ConsumerRecord<Object, Object>> sources =
                new ArrayList<>(split.due().size());
        List<J> due = new ArrayList<>(split.due().size());
        Duration mostOverdue = Duration.ZERO;
        for (Due<J> d : split.due()) {
            Duration late = Duration.between(d.dueAt(), now);
            metrics.lateness(late);
            mostOverdue = late.compareTo(mostOverdue) > 0 ? late : mostOverdue;
            sources.add(d.record());
            due.add(d.job());
        }
        long runStart = System.nanoTime();
        List<R> results = steps.run(listenerId, due, sources);
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
        pause(split, consumer);
        reportPending(consumer, records);
        long end = System.nanoTime();
        metrics.batch(name, Duration.ofNanos(commitStart - runStart), Duration.ofNanos(end - commitStart));
        log.debug(
                "{}: batch of {} records of {}: {} due (the most overdue {} ms late), steps {} ms, commit {} ms, paused {}",
                listenerId,
                records.size(),
                split.nextOffsets().keySet(),
                due.size(),
                mostOverdue.toMillis(),
                (commitStart - runStart) / 1_000_000,
                (end - commitStart) / 1_000_000,
                split.resumeAt());
    }

    /** Splits {@code records} (all of this topic) at {@code now}. */
    public Split<J> split(List<ConsumerRecord<Object, Object>> records, Instant now) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> record : records) {
            byPartition
                    .computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                    .add(record);
        }
        Split<J> split = new Split<>(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new HashMap<>(),
                new HashMap<>(),
                new LinkedHashMap<>());
        byPartition.forEach((tp, list) -> {
            List<Object> jobs = new ArrayList<>(list.size()); // a Timed job, or why its record is a dead letter
            int lastReady = -1;
            for (int i = 0; i < list.size(); i++) {
                Object job = readOrFailure(list.get(i));
                jobs.add(job);
                if (job instanceof RuntimeException || !((Timed<?>) job).dueAt().isAfter(now)) {
                    lastReady = lastReady == i - 1 || !inOrder ? i : lastReady;
                }
            }
            for (int i = 0; i <= lastReady; i++) {
                ConsumerRecord<Object, Object> record = list.get(i);
                if (jobs.get(i) instanceof RuntimeException failure) {
                    split.letters().add(new DeadLetter(record, failure));
                } else if (timed(jobs.get(i)).dueAt().isAfter(now)) {
                    split.requeued()
                            .add(new ProducerRecord<>(
                                    record.topic(),
                                    null,
                                    record.key(),
                                    record.value(),
                                    new RecordHeaders(record.headers().toArray())));
                } else {
                    Timed<J> timed = timed(jobs.get(i));
                    split.due().add(new Due<>(record, timed.job(), timed.dueAt()));
                }
            }
            if (lastReady >= 0) {
                split.nextOffsets().put(tp, list.get(lastReady).offset() + 1);
            }
            if (lastReady < list.size() - 1) {
                Instant earliest = null; // in order: the first record left is the earliest that matters
                for (int i = lastReady + 1; i < (inOrder ? lastReady + 2 : list.size()); i++) {
                    Instant at = timed(jobs.get(i)).dueAt();
                    earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                }
                Instant cap = maxPause == null ? earliest : now.plus(maxPause);
                split.heads().put(tp, list.get(lastReady + 1).offset());
                split.resumeAt().put(tp, earliest.isAfter(cap) ? cap : earliest);
            }
        });
        return split;
    }

    /** Seeks each waiting partition of {@code split} back to its first record left and pauses it until due. */
    public void pause(Split<J> split, Consumer<?, ?> consumer) {
        split.heads().forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
                engine.pauser().pauseUntil(listenerId, tp, split.resumeAt().get(tp));
            }
        });
    }

    private Timed<J> read(ConsumerRecord<Object, Object> record) {
        V value = ConsumedRecords.value(record, type);
        try {
            return read.apply(value);
        } catch (RuntimeException e) {
            throw new InvalidRecordException(type.getSimpleName() + " is not a valid job: " + e.getMessage(), e);
        }
    }

    private Object readOrFailure(ConsumerRecord<Object, Object> record) {
        try {
            RuntimeException unreadable =
                    DeadLetters.deserializationFailure(record).orElse(null);
            return unreadable != null ? unreadable : read(record);
        } catch (RuntimeException e) {
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private Timed<J> timed(Object job) {
        return (Timed<J>) job;
    }

    /** Records not yet consumed on this consumer's partitions of the topic: each is one pending job. */
    private void reportPending(Consumer<?, ?> consumer, List<ConsumerRecord<Object, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        long pending = consumer.assignment().stream()
                .filter(tp -> tp.topic().equals(topic))
                .mapToLong(tp -> consumer.currentLag(tp).orElse(0))
                .sum();
        engine.metrics().pending(Thread.currentThread().getName(), pending);
    }
}
