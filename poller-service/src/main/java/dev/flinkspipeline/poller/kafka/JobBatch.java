package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.StepBatch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poller's steps for the engine's {@link StepBatch}: a {@link JobRunner} step whose record is built as soon
 * as the step ends, on the thread that completed it (see {@link OutcomeRecords}).
 */
record JobBatch(JobRunner runner, OutcomeRecords records) implements StepBatch.Steps<PollJob, JobBatch.Step> {

    private static final Logger log = LoggerFactory.getLogger(JobBatch.class);

    /**
     * A step's outcome and its records (one, or the parts of one AccountsReady).
     *
     * @param timedOut      the step was abandoned (or could not be turned into a record) and is retried
     * @param failureReason see {@link OutcomeRecords.Prepared#failureReason()}
     */
    record Step(
            JobOutcome outcome, boolean timedOut, List<ProducerRecord<Object, Object>> records, String failureReason) {}

    @Override
    public String loginId(PollJob job) {
        return job.loginId();
    }

    @Override
    public CompletableFuture<Step> run(PollJob job, String traceparent) {
        return runner.run(job).thenApply(outcome -> {
            OutcomeRecords.Prepared prepared = records.prepare(outcome, traceparent);
            return new Step(prepared.outcome(), false, prepared.records(), prepared.failureReason());
        });
    }

    @Override
    public Step abandoned(PollJob job, String traceparent, Throwable failure) {
        if (failure != null) {
            // Steps never fail (JobRunner turns errors into retries); building the record can (registry down).
            log.warn(
                    "loginId={} requestId={}: the step's record could not be built, retrying the step: {}",
                    job.loginId(),
                    job.requestId(),
                    failure.toString());
        }
        OutcomeRecords.Prepared retry = records.prepare(runner.timedOut(job), traceparent);
        return new Step(retry.outcome(), true, retry.records(), null);
    }
}
