package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.JobEngine;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Runs the scheduled steps that are due, on the engine's {@link DelayTopic}: per partition the due prefix runs and
 * commits with its outcomes, then the partition is paused until its first record not due is. Records of a partition
 * are in due order: each is written one interval (or a shorter backoff) after its step.
 */
public class PollScheduledListener {

    public static final String ID = "poller-poll-scheduled";

    private final DelayTopic<PollScheduled, PollJob> topic;
    private final JobSteps steps;

    public PollScheduledListener(JobRunner runner, OutcomeRecords outcomes, JobEngine engine) {
        this.topic = delayTopic(ID, "poll-scheduled", engine);
        this.steps = new JobSteps(runner, outcomes, engine);
    }

    /** A topic of PollScheduled records in due order (polls, and webhook waits: all wait the same grace). */
    static DelayTopic<PollScheduled, PollJob> delayTopic(String listenerId, String name, JobEngine engine) {
        return new DelayTopic<>(
                listenerId,
                name,
                PollScheduled.class,
                scheduled -> {
                    PollJob job = JobEvents.job(scheduled);
                    return new DelayTopic.Timed<>(job, job.dueAt());
                },
                null,
                true,
                engine);
    }

    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        topic.onBatch(records, consumer, steps);
    }
}
