package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.Intake;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one job per LoginReceived, on the engine's {@link Intake} (ledger: the eventIds taken on; ingest can emit
 * one twice, Kafka can redeliver it). A standard-flow login runs its first step with the batch; a webhook-flow
 * login is not polled: only its wait is written, to the webhook-wait topic ({@link WebhookWaitListener}).
 */
public class LoginReceivedListener implements Intake.Tenant<LoginReceived, PollJob, Instant> {

    public static final String ID = "poller-login-received";

    private static final Logger log = LoggerFactory.getLogger(LoginReceivedListener.class);

    private final OutcomeRecords outcomes;
    private final JobMetrics metrics;
    private final JobMetrics waitMetrics;
    private final PollerProperties properties;

    private LoginReceivedListener(
            OutcomeRecords outcomes, JobMetrics metrics, JobMetrics waitMetrics, PollerProperties properties) {
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.waitMetrics = waitMetrics;
        this.properties = properties;
    }

    /** Its intake: one batch of LoginReceived starts its jobs and runs their first steps together. */
    public static Intake<LoginReceived, PollJob, Instant, JobSteps.Step> intake(
            JobRunner runner,
            OutcomeRecords outcomes,
            JobEngine engine,
            IdempotencyLedger<Instant> seen,
            JobMetrics waitMetrics,
            PollerProperties properties) {
        var tenant = new LoginReceivedListener(outcomes, engine.metrics(), waitMetrics, properties);
        var steps = new JobSteps(runner, outcomes, engine);
        return new Intake<>(ID, "login-received", LoginReceived.class, LoginReceived::getEventId, tenant, seen, steps);
    }

    @Override
    public void take(
            ConsumerRecord<Object, Object> record,
            LoginReceived login,
            Instant processed,
            Intake.Batch<PollJob, Instant> batch) {
        if (processed != null) {
            metrics.duplicate("event_id");
            log.info(
                    "loginId={}: LoginReceived {} already taken on, not started again",
                    login.getLoginId(),
                    login.getEventId());
            return;
        }
        PollJob job;
        try {
            job = JobEvents.start(
                    login,
                    batch.now(),
                    properties.maxPollDuration(),
                    properties.webhookFallback().grace());
        } catch (RuntimeException e) {
            throw new InvalidRecordException("LoginReceived cannot start a job: " + e.getMessage(), e);
        }
        if (job.fallback()) {
            batch.write(outcomes.waiting(job, ConsumedRecords.traceparent(record)));
            batch.afterCommit(() -> {
                waitMetrics.started();
                log.info(
                        "loginId={}: webhook flow, not polled; waiting for its GetAccountsDetail webhook until {}",
                        job.loginId(),
                        job.dueAt());
            });
        } else {
            batch.start(job);
            batch.afterCommit(metrics::started);
        }
        batch.processed(login.getEventId(), batch.now());
    }
}
