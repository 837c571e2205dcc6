package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Runs the scheduled steps that are due, on the engine's {@link DelayTopic}. Records of a partition are in due
 * order (each is written one constant interval, or a shorter backoff, after the step that wrote it), so for each
 * partition the batch is split into a due prefix and the rest: the due prefix runs and commits with its outcomes;
 * the partition is then paused until its first record that is not due is.
 */
public class PollScheduledListener {

    public static final String ID = "poller-poll-scheduled";

    private final DelayTopic<PollJob, JobSteps.Step> topic;
    private final PollerProperties properties;

    PollScheduledListener(DelayTopic<PollJob, JobSteps.Step> topic, PollerProperties properties) {
        this.topic = topic;
        this.properties = properties;
    }

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public PollerProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().pollScheduled()}",
            groupId = "#{__listener.properties().consumer().groupId()}-polls",
            concurrency = "#{__listener.properties().consumer().pollConcurrency()}",
            containerFactory = "pollerContainerFactory",
            batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        topic.onBatch(records, consumer);
    }

    /** The job of a PollScheduled record (webhook waits are PollScheduled records too). */
    static PollJob job(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof PollScheduled scheduled)) {
            throw new InvalidRecordException(
                    "expected a PollScheduled, got " + record.value().getClass().getName());
        }
        try {
            return JobEvents.job(scheduled);
        } catch (RuntimeException e) {
            throw new InvalidRecordException("PollScheduled is not a valid job: " + e.getMessage(), e);
        }
    }

    /** {@link #job} with its due time. */
    static DelayTopic.Timed<PollJob> timed(ConsumerRecord<Object, Object> record) {
        PollJob job = job(record);
        return new DelayTopic.Timed<>(job, job.dueAt());
    }
}
