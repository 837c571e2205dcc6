package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serializer;

/** Builds the listeners on the job engine (kept here so their helpers stay package-private). */
public final class ListenerWiring {

    private final PollerProperties properties;
    private final JobEngine engine;
    private final OutcomeRecords outcomes;
    private final JobMetrics waitMetrics;

    /** @param engine the engine of {@code accounts} jobs; {@code waitMetrics} those of {@code webhook_wait} ones */
    public ListenerWiring(
            PollerProperties properties, JobEngine engine, JobMetrics waitMetrics, Serializer<Object> serializer) {
        this.properties = properties;
        this.engine = engine;
        this.waitMetrics = waitMetrics;
        this.outcomes = new OutcomeRecords(
                properties.topics(),
                properties.eventSource(),
                engine.clock(),
                serializer,
                properties.accounts().maxRecordBytes());
    }

    public LoginReceivedListener loginReceivedListener(JobRunner runner, IdempotencyLedger<Instant> seen) {
        return new LoginReceivedListener(
                new JobSteps(runner, outcomes, engine), outcomes, engine, seen, waitMetrics, properties);
    }

    /** Waits are PollScheduled records in due order, like polls (all wait the same grace). */
    public WebhookWaitListener webhookWaitListener(IdempotencyLedger<Instant> accountsSeen) {
        DelayTopic<PollScheduled, PollJob> waits = new DelayTopic<>(
                WebhookWaitListener.ID, "webhook-wait", PollScheduled.class, ListenerWiring::timed, null, true, engine);
        return new WebhookWaitListener(waits, outcomes, engine, accountsSeen, waitMetrics, properties);
    }

    /** Records of a partition are in due order: each is written one interval (or a shorter backoff) after its step. */
    public PollScheduledListener pollScheduledListener(JobRunner runner) {
        DelayTopic<PollScheduled, PollJob> polls = new DelayTopic<>(
                PollScheduledListener.ID,
                "poll-scheduled",
                PollScheduled.class,
                ListenerWiring::timed,
                null,
                true,
                engine);
        return new PollScheduledListener(polls, new JobSteps(runner, outcomes, engine), properties);
    }

    private static DelayTopic.Timed<PollJob> timed(PollScheduled scheduled) {
        PollJob job = JobEvents.job(scheduled);
        return new DelayTopic.Timed<>(job, job.dueAt());
    }
}
