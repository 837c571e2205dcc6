package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.StepBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's steps on the job engine: a {@link JobRunner} step whose records are built as soon as it ends, on the
 * thread that completed it ({@link OutcomeRecords}), counted and logged once they committed.
 */
public final class JobSteps extends StepBatch<PollJob, JobSteps.Step> {

    private static final Logger log = LoggerFactory.getLogger(JobSteps.class);

    private final JobRunner runner;
    private final OutcomeRecords records;

    public JobSteps(JobRunner runner, OutcomeRecords records, JobEngine engine) {
        super(engine, PollJob::loginId, PollJob::requestId);
        this.runner = runner;
        this.records = records;
    }

    /**
     * A topic of PollScheduled records in due order, the engine's {@link DelayTopic}: per partition the due prefix
     * runs and commits with its outcomes, then the partition is paused until its first record not due is (polls, and
     * webhook waits: all wait the same grace).
     */
    public static DelayTopic<PollScheduled, PollJob> scheduled(String listenerId, String name, JobEngine engine) {
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

    /** @param timedOut the step was abandoned (or could not be turned into a record) and is retried */
    record Step(OutcomeRecords.Prepared prepared, boolean timedOut, String traceparent) {}

    @Override
    protected CompletableFuture<Step> step(PollJob job, String traceparent) {
        return runner.run(job)
                .thenApply(outcome -> new Step(records.prepare(outcome, traceparent), false, traceparent));
    }

    /** Steps never fail (JobRunner turns errors into retries); building their records can (registry down). */
    @Override
    protected Step abandoned(PollJob job, String traceparent) {
        return new Step(records.prepare(runner.timedOut(job), traceparent), true, traceparent);
    }

    @Override
    protected List<ProducerRecord<Object, Object>> records(Step step) {
        return step.prepared().records();
    }

    /** Only accounts can be that large (parts are cut to the configured size: the broker's limit is below it). */
    @Override
    protected Step tooLarge(Step step) {
        if (!(step.prepared().outcome() instanceof JobOutcome.AccountsFetched fetched)) {
            throw new IllegalStateException(
                    "a " + step.prepared().outcome().getClass().getSimpleName() + " record is too large");
        }
        log.warn(
                "loginId={} requestId={}: AccountsReady is larger than Kafka accepts although cut to the "
                        + "maximum record size (is poller.accounts.max-record-bytes above the topic's "
                        + "max.message.bytes?); failing the job",
                fetched.job().loginId(),
                fetched.requestId());
        String message = "the AccountsReady record exceeds the producer's or topic's size limit";
        return new Step(
                records.failed(fetched, OutcomeRecords.ACCOUNTS_TOO_LARGE, message, step.traceparent()),
                false,
                step.traceparent());
    }

    @Override
    protected void committed(Step step) {
        JobMetrics metrics = engine.metrics();
        String failureReason = step.prepared().failureReason();
        if (failureReason != null) {
            metrics.step("failed"); // the accounts could not be written: PipelineFailed instead
            metrics.failed(failureReason, null);
        }
        List<ProducerRecord<Object, Object>> written = step.prepared().records();
        switch (step.prepared().outcome()) {
            case JobOutcome.AccountsFetched fetched -> {
                if (failureReason == null) {
                    metrics.step("accounts_ready");
                    if (fetched.job().loginReceivedAt() != null) {
                        metrics.duration(
                                "accounts_ready",
                                Duration.between(
                                        fetched.job().loginReceivedAt(),
                                        engine.clock().instant()));
                    }
                }
                log.info(
                        "loginId={} requestId={}: {} written ({} record(s))",
                        fetched.job().loginId(),
                        fetched.requestId(),
                        written.get(0).topic(), // PipelineFailed when the accounts could not be written
                        written.size());
            }
            case JobOutcome.Rescheduled r -> {
                if (r.why() != JobOutcome.Rescheduled.Why.RETRY) {
                    metrics.step(r.why() == JobOutcome.Rescheduled.Why.PENDING ? "pending" : "credentials");
                } else {
                    metrics.step(step.timedOut() ? "timed_out" : "retry");
                    metrics.retry(
                            r.flinksCode() != null
                                    ? r.flinksCode()
                                    : r.httpStatus() == 0 ? "no_answer" : "http_" + r.httpStatus());
                }
                log.debug(
                        "loginId={} requestId={} rescheduled ({}) for {}",
                        r.next().loginId(),
                        r.next().requestId(),
                        r.why(),
                        r.next().dueAt());
            }
            case JobOutcome.Failed failed -> {
                metrics.step("failed");
                metrics.failed(failed.reason().name(), failed.flinksCode());
                log.info(
                        "loginId={} requestId={} failed: {} flinksCode={} httpStatus={}",
                        failed.job().loginId(),
                        failed.requestId(),
                        failed.reason(),
                        failed.flinksCode(),
                        failed.httpStatus());
            }
        }
    }
}
