package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Runs the scheduled steps that are due, on the engine's {@link DelayTopic}: per partition the due prefix runs and
 * commits with its outcomes, then the partition is paused until its first record not due is.
 */
public class PollScheduledListener {

    public static final String ID = "poller-poll-scheduled";

    private final DelayTopic<PollScheduled, PollJob> topic;
    private final JobSteps steps;
    private final PollerProperties properties;

    PollScheduledListener(DelayTopic<PollScheduled, PollJob> topic, JobSteps steps, PollerProperties properties) {
        this.topic = topic;
        this.steps = steps;
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
        topic.onBatch(records, consumer, steps);
    }
}
