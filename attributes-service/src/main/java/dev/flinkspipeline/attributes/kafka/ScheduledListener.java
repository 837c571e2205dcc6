package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes the scheduled-retry topic, the engine's {@link DelayTopic}: no thread waits for a due time; a partition
 * is paused at most {@code maxPause}, to notice jobs appended meanwhile that are due sooner. Due jobs run their
 * next attempt, concurrently; outcomes, next schedules, re-enqueued jobs and offsets are written in one
 * transaction.
 */
public class ScheduledListener {

    public static final String ID = "attributes-scheduled";

    private final DelayTopic<Job, JobSteps.Step> topic;
    private final AttributesProperties properties;
    private final CircuitOutages outages;
    private final Clock clock;

    /** @param outages when the credentials circuit was open: a job's deadline is credited the time it held it back */
    ScheduledListener(JobSteps steps, JobEngine engine, AttributesProperties properties, CircuitOutages outages) {
        this.properties = properties;
        this.outages = outages;
        this.clock = engine.clock();
        this.topic = new DelayTopic<>(
                ID, "scheduled", steps, this::job, properties.retry().maxPause(), false, engine);
    }

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public AttributesProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().scheduled()}",
            groupId = "#{__listener.properties().kafka().groupId()}-scheduled",
            batch = "true",
            containerFactory = "scheduledContainerFactory")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        topic.onBatch(records, consumer);
    }

    private DelayTopic.Timed<Job> job(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof AttributesScheduled scheduled)) {
            throw new InvalidRecordException("not AttributesScheduled");
        }
        try {
            Job job = JobRecords.fromRecord(scheduled);
            job = job.withDeadline(outages.credit(job.deadline(), scheduled.getDueAt(), clock.instant()));
            return new DelayTopic.Timed<>(job, scheduled.getDueAt());
        } catch (RuntimeException invalid) {
            throw new InvalidRecordException("invalid job: " + invalid.getMessage());
        }
    }
}
