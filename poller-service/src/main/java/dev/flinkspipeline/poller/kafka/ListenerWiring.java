package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import java.time.Clock;
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
        Clock clock = engine.clock();
        this.outcomes = new OutcomeRecords(
                properties.topics(),
                properties.eventSource(),
                clock,
                serializer,
                properties.accounts().maxRecordBytes());
    }

    private JobSteps steps(JobRunner runner) {
        return new JobSteps(runner, outcomes, engine.metrics(), engine.clock());
    }

    public LoginReceivedListener loginReceivedListener(JobRunner runner, IdempotencyLedger<Instant> seen) {
        return new LoginReceivedListener(steps(runner), outcomes, engine, seen, waitMetrics, properties);
    }

    public WebhookWaitListener webhookWaitListener(IdempotencyLedger<Instant> accountsSeen) {
        return new WebhookWaitListener(outcomes, engine, accountsSeen, waitMetrics, properties);
    }

    public PollScheduledListener pollScheduledListener(JobRunner runner) {
        return new PollScheduledListener(
                new DelayTopic<>(
                        PollScheduledListener.ID,
                        "poll-scheduled",
                        steps(runner),
                        PollScheduledListener::timed,
                        null,
                        true,
                        engine),
                properties);
    }
}
