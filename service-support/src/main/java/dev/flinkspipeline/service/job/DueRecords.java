package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.PartitionPauser;
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

/**
 * A batch of a delay topic (each record: run this step at its due time) split per partition at {@code now}. The
 * records up to a partition's last due one are handled now: due ones run, one that cannot be read is a dead
 * letter, and one not due yet ahead of a due one is re-enqueued at the tail so it does not hold the due one back;
 * where records are written in due order, a partition instead stops at its first record not due. The partition
 * is then sought back to its first record left and paused until the earliest due time among them (in order: that
 * record's; at most {@code maxPause} ahead), so no thread waits for a due time.
 *
 * @param <J> the job a record holds
 */
public final class DueRecords<J> {

    /** A due job and the record it came from. */
    public record Due<J>(ConsumerRecord<Object, Object> record, J job) {}

    private final List<Due<J>> due = new ArrayList<>();
    private final List<ProducerRecord<Object, Object>> requeued = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, Long> heads = new HashMap<>();
    private final Map<TopicPartition, Instant> resumeAt = new LinkedHashMap<>();

    private DueRecords() {}

    /**
     * @param read     the job of a record; throws when the record is not a valid job
     * @param dueAt    when a job is due
     * @param maxPause longest pause of a partition (to notice sooner jobs appended meanwhile), or null: none
     * @param inOrder  records of a partition are in due order: stop at the first one not due, re-enqueue none
     */
    public static <J> DueRecords<J> split(
            List<ConsumerRecord<Object, Object>> records,
            Instant now,
            Duration maxPause,
            boolean inOrder,
            Function<ConsumerRecord<Object, Object>, J> read,
            Function<J, Instant> dueAt) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> record : records) {
            byPartition
                    .computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                    .add(record);
        }
        DueRecords<J> split = new DueRecords<>();
        byPartition.forEach((tp, list) -> {
            List<Object> jobs = new ArrayList<>(list.size()); // a job, or why its record is a dead letter
            int lastReady = -1;
            for (int i = 0; i < list.size(); i++) {
                Object job = readOrFailure(list.get(i), read);
                jobs.add(job);
                if (job instanceof RuntimeException || !dueAt.apply(cast(job)).isAfter(now)) {
                    lastReady = lastReady == i - 1 || !inOrder ? i : lastReady;
                }
            }
            for (int i = 0; i <= lastReady; i++) {
                ConsumerRecord<Object, Object> record = list.get(i);
                if (jobs.get(i) instanceof RuntimeException failure) {
                    split.letters.add(new DeadLetter(record, failure));
                } else if (dueAt.apply(cast(jobs.get(i))).isAfter(now)) {
                    split.requeued.add(new ProducerRecord<>(
                            record.topic(),
                            null,
                            record.key(),
                            record.value(),
                            new RecordHeaders(record.headers().toArray())));
                } else {
                    split.due.add(new Due<>(record, cast(jobs.get(i))));
                }
            }
            if (lastReady >= 0) {
                split.nextOffsets.put(tp, list.get(lastReady).offset() + 1);
            }
            if (lastReady < list.size() - 1) {
                Instant earliest = null; // in order: the first record left is the earliest that matters
                for (int i = lastReady + 1; i < (inOrder ? lastReady + 2 : list.size()); i++) {
                    Instant at = dueAt.apply(cast(jobs.get(i)));
                    earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
                }
                Instant cap = maxPause == null ? earliest : now.plus(maxPause);
                split.heads.put(tp, list.get(lastReady + 1).offset());
                split.resumeAt.put(tp, earliest.isAfter(cap) ? cap : earliest);
            }
        });
        return split;
    }

    /** Due jobs, in batch order. */
    public List<Due<J>> due() {
        return due;
    }

    /** Records not due yet that stood ahead of a due one, again, for the tail of their partition (in the batch's transaction). */
    public List<ProducerRecord<Object, Object>> requeued() {
        return requeued;
    }

    /** Records that are not valid jobs. */
    public List<DeadLetter> letters() {
        return letters;
    }

    /** The offsets to commit: past each partition's handled records. */
    public Map<TopicPartition, Long> nextOffsets() {
        return nextOffsets;
    }

    /** When each waiting partition is resumed (for logs). */
    public Map<TopicPartition, Instant> resumeAt() {
        return resumeAt;
    }

    /** Seeks each waiting partition back to its first record left and pauses it until it is resumed. */
    public void pauseHeads(Consumer<?, ?> consumer, PartitionPauser pauser, String listenerId) {
        heads.forEach((tp, offset) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, offset);
                pauser.pauseUntil(listenerId, tp, resumeAt.get(tp));
            }
        });
    }

    private static <J> Object readOrFailure(
            ConsumerRecord<Object, Object> record, Function<ConsumerRecord<Object, Object>, J> read) {
        try {
            RuntimeException unreadable =
                    DeadLetters.deserializationFailure(record).orElse(null);
            if (unreadable != null) {
                return unreadable;
            }
            return read.apply(record);
        } catch (RuntimeException e) {
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <J> J cast(Object job) {
        return (J) job;
    }
}
