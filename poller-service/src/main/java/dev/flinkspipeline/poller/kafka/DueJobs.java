package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * A batch of scheduled jobs split per partition into its due prefix and the first record that is not due
 * (the head the partition then waits for): records of a partition are in due order, so nothing behind a
 * head that is not due can be. Unreadable records and invalid jobs become dead letters and are consumed.
 */
final class DueJobs {

    /** A due job and the record it came from. */
    record Due(ConsumerRecord<Object, Object> record, PollJob job) {
    }

    final List<Due> due = new ArrayList<>();
    final List<DeadLetter> letters = new ArrayList<>();
    /** Offsets to commit: past each partition's due prefix and dead letters. */
    final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<TopicPartition, ConsumerRecord<Object, Object>> heads = new HashMap<>();
    private final Map<TopicPartition, Instant> headDue = new HashMap<>();

    private DueJobs() {
    }

    static DueJobs split(Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition, Instant now) {
        DueJobs jobs = new DueJobs();
        byPartition.forEach((tp, records) -> {
            for (ConsumerRecord<Object, Object> record : records) {
                Optional<DeserializationException> unreadable = DeadLetters.deserializationFailure(record);
                PollJob job;
                try {
                    if (unreadable.isPresent()) {
                        throw unreadable.get();
                    }
                    job = job(record);
                } catch (RuntimeException e) {
                    jobs.letters.add(new DeadLetter(record, e));
                    jobs.nextOffsets.put(tp, record.offset() + 1);
                    continue;
                }
                if (job.dueAt().isAfter(now)) {
                    jobs.heads.put(tp, record);
                    jobs.headDue.put(tp, job.dueAt());
                    break;
                }
                jobs.due.add(new Due(record, job));
                jobs.nextOffsets.put(tp, record.offset() + 1);
            }
        });
        return jobs;
    }

    /** When each waiting partition's head is due (for logs). */
    Map<TopicPartition, Instant> headDue() {
        return headDue;
    }

    /** Seeks each waiting partition back to its head and pauses it until the head is due. */
    void pauseHeads(Consumer<?, ?> consumer, PartitionPauser pauser, String listenerId) {
        heads.forEach((tp, head) -> {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, head.offset());
                pauser.pauseUntil(listenerId, tp, headDue.get(tp));
            }
        });
    }

    private static PollJob job(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof PollScheduled scheduled)) {
            throw new InvalidRecordException("expected a PollScheduled, got " + record.value().getClass().getName());
        }
        try {
            return JobEvents.job(scheduled);
        } catch (RuntimeException e) {
            throw new InvalidRecordException("PollScheduled is not a valid job: " + e.getMessage(), e);
        }
    }
}
