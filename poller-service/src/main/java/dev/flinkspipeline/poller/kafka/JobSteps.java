package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.poller.job.PollPolicy;
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
final class JobSteps extends StepBatch<PollJob, JobSteps.Step> {

    private static final Logger log = LoggerFactory.getLogger(JobSteps.class);

    private final JobRunner runner;
    private final OutcomeRecords records;

    JobSteps(JobRunner runner, OutcomeRecords records, JobEngine engine) {
        super(engine);
        this.runner = runner;
        this.records = records;
    }

    /**
     * A step's outcome and its records (one, or the parts of one AccountsReady).
     *
     * @param timedOut      the step was abandoned (or could not be turned into a record) and is retried
     * @param failureReason see {@link OutcomeRecords.Prepared#failureReason()}
     * @param traceparent   the trace its records carry
     */
    record Step(
            JobOutcome outcome,
            boolean timedOut,
            List<ProducerRecord<Object, Object>> records,
            String failureReason,
            String traceparent) {}

    /** The policy the runner's jobs follow. */
    PollPolicy policy() {
        return runner.policy();
    }

    @Override
    protected String loginId(PollJob job) {
        return job.loginId();
    }

    @Override
    protected CompletableFuture<Step> step(PollJob job, String traceparent) {
        return runner.run(job).thenApply(outcome -> {
            OutcomeRecords.Prepared prepared = records.prepare(outcome, traceparent);
            return new Step(prepared.outcome(), false, prepared.records(), prepared.failureReason(), traceparent);
        });
    }

    @Override
    protected Step abandoned(PollJob job, String traceparent, Throwable failure) {
        if (failure != null) {
            // Steps never fail (JobRunner turns errors into retries); building the record can (registry down).
            log.warn(
                    "loginId={} requestId={}: the step's record could not be built, retrying the step: {}",
                    job.loginId(),
                    job.requestId(),
                    failure.toString());
        }
        OutcomeRecords.Prepared retry = records.prepare(runner.timedOut(job), traceparent);
        return new Step(retry.outcome(), true, retry.records(), null, traceparent);
    }

    @Override
    protected List<ProducerRecord<Object, Object>> records(Step step) {
        return step.records();
    }

    /** Only accounts can be that large; anything else is a real problem. */
    @Override
    protected Step tooLarge(Step step) {
        if (!(step.outcome() instanceof JobOutcome.AccountsFetched fetched)) {
            throw new IllegalStateException("a " + step.outcome().getClass().getSimpleName() + " record is too large");
        }
        // Parts are cut to the configured maximum record size: the broker's limit is below it.
        log.warn(
                "loginId={} requestId={}: AccountsReady is larger than Kafka accepts although cut to the "
                        + "maximum record size (is poller.accounts.max-record-bytes above the topic's "
                        + "max.message.bytes?); failing the job",
                fetched.job().loginId(),
                fetched.requestId());
        return new Step(
                fetched,
                false,
                List.of(records.failure(
                        fetched,
                        OutcomeRecords.ACCOUNTS_TOO_LARGE,
                        "the AccountsReady record exceeds the producer's or topic's size limit",
                        step.traceparent())),
                OutcomeRecords.ACCOUNTS_TOO_LARGE,
                step.traceparent());
    }

    @Override
    protected void committed(Step step) {
        JobMetrics metrics = engine.metrics();
        if (step.failureReason() != null) {
            metrics.step("failed"); // the accounts could not be written: PipelineFailed instead
            metrics.failed(step.failureReason(), null);
        }
        switch (step.outcome()) {
            case JobOutcome.AccountsFetched fetched -> {
                if (step.failureReason() == null) {
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
                        step.records().get(0).topic(), // PipelineFailed when the accounts could not be written
                        step.records().size());
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
