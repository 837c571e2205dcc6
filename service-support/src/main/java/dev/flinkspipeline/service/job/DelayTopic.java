package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.JobListener;
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
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * A durable delay topic for "run this step at time T": per partition, the records up to the last due one are handled
 * (due ones run, unreadable ones are dead letters, one not due ahead of a due one is re-enqueued at the tail; in due
 * order: up to the first not due), committed in one transaction; then the partition is sought back to its first
 * record left and paused until that is due, so no thread waits.
 *
 * @param name     the listener's tag on the batch meters
 * @param read     the job of a record's value; throws when it is not a valid job (a dead letter)
 * @param maxPause longest pause of a partition (to notice sooner jobs appended meanwhile), or null: none
 * @param inOrder  records of a partition are in due order: stop at the first one not due, re-enqueue none
 * @param <V>      the record value
 * @param <J>      a job
 */
public record DelayTopic<V, J>(
        String listenerId,
        String name,
        Class<V> type,
        Function<V, DelayTopic.Timed<J>> read,
        Duration maxPause,
        boolean inOrder,
        JobEngine engine) {

    private static final Logger log = LoggerFactory.getLogger(DelayTopic.class);

    /** A job read off a record, and when its step is due. */
    public record Timed<J>(J job, Instant dueAt) {}

    /** A due job, the record it came from and when it was due. */
    public record Due<J>(ConsumerRecord<Object, Object> record, J job, Instant dueAt) {}

    /**
     * A batch split at one instant.
     *
     * @param requeued records not due that stood ahead of a due one, for the tail of their partition
     * @param heads    the first record left of each waiting partition, resumed at {@code resumeAt}
     */
    public record Split<J>(
            List<Due<J>> due,
            List<ProducerRecord<Object, Object>> requeued,
            List<DeadLetters.Letter> letters,
            Map<TopicPartition, Long> nextOffsets,
            Map<TopicPartition, Long> heads,
            Map<TopicPartition, Instant> resumeAt) {}

    /** Its listener on {@code topic} (group suffix {@code group}), running the due steps of {@code steps}. */
    public <R> JobListener listener(String group, String topic, StepBatch<J, R> steps) {
        return JobListener.of(listenerId, group, (records, consumer) -> onBatch(records, consumer, steps), topic);
    }

    /** Handles one batch: runs the due steps of {@code steps}, commits, pauses. */
    public <R> void onBatch(
            List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer, StepBatch<J, R> steps) {
        Instant now = engine.clock().instant();
        Split<J> split = split(records, now);
        split.due().forEach(d -> engine.metrics().lateness(Duration.between(d.dueAt(), now)));
        long start = System.nanoTime();
        if (!engine.commit()
                .runAndCommit(
                        listenerId,
                        name,
                        records,
                        consumer,
                        steps,
                        split.due().stream().map(Due::job).toList(),
                        split.due().stream().map(Due::record).toList(),
                        split.requeued(),
                        split.letters(),
                        split.nextOffsets())) {
            return;
        }
        split.requeued().forEach(r -> engine.metrics().requeued());
        pause(split, consumer);
        reportPending(consumer, records);
        log.debug(
                "{}: batch of {} records of {}: {} due (the most overdue {} ms late), steps and commit {} ms, paused {}",
                listenerId,
                records.size(),
                split.nextOffsets().keySet(),
                split.due().size(),
                split.due().stream()
                        .mapToLong(d -> Duration.between(d.dueAt(), now).toMillis())
                        .max()
                        .orElse(0),
                (System.nanoTime() - start) / 1_000_000,
                split.resumeAt());
    }

    /** Splits {@code records} (all of this topic) at {@code now}. */
    @SuppressWarnings("unchecked")
    public Split<J> split(List<ConsumerRecord<Object, Object>> records, Instant now) {
        Split<J> split = new Split<>(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new HashMap<>(),
                new HashMap<>(),
                new LinkedHashMap<>());
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), tp -> new ArrayList<>())
                .add(r));
        byPartition.forEach((tp, list) -> {
            List<Object> jobs = list.stream().map(this::readOrFailure).toList();
            int handled = 0; // up to the last record due or dead (in order: up to the first not due)
            for (int i = 0; i < jobs.size() && !(inOrder && handled < i); i++) {
                handled = notDue(jobs.get(i), now) ? handled : i + 1;
            }
            for (int i = 0; i < handled; i++) {
                ConsumerRecord<Object, Object> record = list.get(i);
                if (jobs.get(i) instanceof RuntimeException failure) {
                    split.letters().add(new DeadLetters.Letter(record, failure));
                } else if (notDue(jobs.get(i), now)) {
                    split.requeued()
                            .add(new ProducerRecord<>(
                                    record.topic(),
                                    null,
                                    record.key(),
                                    record.value(),
                                    new RecordHeaders(record.headers().toArray())));
                } else {
                    Timed<J> timed = (Timed<J>) jobs.get(i);
                    split.due().add(new Due<>(record, timed.job(), timed.dueAt()));
                }
            }
            if (handled > 0) {
                split.nextOffsets().put(tp, list.get(handled - 1).offset() + 1);
            }
            if (handled < list.size()) { // in order: the first record left is the earliest that matters
                Instant resume = jobs.subList(handled, inOrder ? handled + 1 : jobs.size()).stream()
                        .map(job -> ((Timed<?>) job).dueAt())
                        .min(Instant::compareTo)
                        .orElseThrow();
                Instant cap = maxPause == null ? resume : now.plus(maxPause);
                split.heads().put(tp, list.get(handled).offset());
                split.resumeAt().put(tp, resume.isAfter(cap) ? cap : resume);
            }
        });
        return split;
    }

    private static boolean notDue(Object job, Instant now) {
        return job instanceof Timed<?> timed && timed.dueAt().isAfter(now);
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

    /** The record's job, or why it is a dead letter. */
    private Object readOrFailure(ConsumerRecord<Object, Object> record) {
        try {
            V value = ConsumedRecords.value(record, type);
            try {
                return read.apply(value);
            } catch (RuntimeException e) {
                return new InvalidRecordException(type.getSimpleName() + " is not a valid job: " + e.getMessage(), e);
            }
        } catch (InvalidRecordException | DeserializationException e) {
            return e;
        }
    }

    /** Records not yet consumed on this consumer's partitions of the topic: each is one pending job. */
    private void reportPending(Consumer<?, ?> consumer, List<ConsumerRecord<Object, Object>> records) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.getFirst().topic();
        long pending = consumer.assignment().stream()
                .filter(tp -> tp.topic().equals(topic))
                .mapToLong(tp -> consumer.currentLag(tp).orElse(0))
                .sum();
        engine.metrics().pending(Thread.currentThread().getName(), pending);
    }
}
