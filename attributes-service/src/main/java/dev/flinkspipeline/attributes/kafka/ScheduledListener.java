package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.JobEngine;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consumes the scheduled-retry topic, the engine's {@link DelayTopic}: due jobs run their next attempt concurrently;
 * a partition is paused at most {@code maxPause}, to notice jobs appended meanwhile that are due sooner.
 */
public class ScheduledListener {

    public static final String ID = "attributes-scheduled";

    private final DelayTopic<AttributesScheduled, Job> topic;
    private final JobSteps steps;

    /** @param outages when the credentials circuit was open: a job's deadline is credited the time it held it back */
    public ScheduledListener(JobSteps steps, Duration maxPause, CircuitOutages outages) {
        JobEngine engine = steps.engine();
        this.steps = steps;
        this.topic = new DelayTopic<>(
                ID,
                "scheduled",
                AttributesScheduled.class,
                scheduled -> {
                    Job job = JobRecords.fromRecord(scheduled);
                    job = job.withDeadline(outages.credit(
                            job.deadline(), scheduled.getDueAt(), engine.clock().instant()));
                    return new DelayTopic.Timed<>(job, scheduled.getDueAt());
                },
                maxPause,
                false,
                engine);
    }

    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        topic.onBatch(records, consumer, steps);
    }
}
