package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.StepBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attributes steps on the job engine: a {@link JobExecutor} attempt and its decision, whose record is built in
 * the batch's transaction, counted and logged once it committed.
 */
final class JobSteps extends StepBatch<Job, JobSteps.Step> {

    private static final Logger log = LoggerFactory.getLogger(JobSteps.class);

    private final JobExecutor executor;
    private final OutputRecords outputs;

    JobSteps(JobExecutor executor, OutputRecords outputs, JobEngine engine) {
        super(engine);
        this.executor = executor;
        this.outputs = outputs;
    }

    /** A job's decision and the {@code traceparent} the records written for it carry. */
    record Step(JobDecision decision, String traceparent) {}

    @Override
    protected String loginId(Job job) {
        return job.loginId();
    }

    @Override
    protected CompletableFuture<Step> step(Job job, String traceparent) {
        return executor.run(job).thenApply(decision -> new Step(decision, traceparent));
    }

    @Override
    protected Step abandoned(Job job, String traceparent, Throwable failure) {
        if (failure != null) {
            log.warn(
                    "loginId={} requestId={}: the attempt failed, retrying it: {}",
                    job.loginId(),
                    job.requestId(),
                    failure.toString());
        }
        return new Step(executor.timedOut(job), traceparent);
    }

    @Override
    protected List<ProducerRecord<Object, Object>> records(Step step) {
        return List.of(outputs.forDecision(step.decision(), engine.clock().instant(), step.traceparent()));
    }

    @Override
    protected void committed(Step step) {
        count(step.decision(), engine.clock().instant());
        log(step.decision());
    }

    private void count(JobDecision decision, Instant now) {
        JobMetrics metrics = engine.metrics();
        Duration sinceStart = Duration.between(decision.job().firstAttemptAt(), now);
        if (decision instanceof JobDecision.Done done) {
            metrics.step("fetched", "path", done.fetched().requestIdReused() ? "reuse" : "reauthorize");
            metrics.duration("fetched", sinceStart);
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            metrics.step("failed", "path", "none");
            metrics.failed(
                    gaveUp.failed().reason().name(), gaveUp.failed().answer().flinksCode());
            metrics.duration("failed", sinceStart);
        } else if (decision instanceof JobDecision.Retry retry) {
            metrics.step("retry", "path", "none");
            metrics.retry(
                    retry.retry().kind().name(), "step", retry.job().step().name());
        }
    }

    private static void log(JobDecision decision) {
        var job = decision.job();
        if (decision instanceof JobDecision.Done done) {
            log.info(
                    "loginId={} requestId={} Attributes {} fetched ({} values, requestId {}, attempt {})",
                    job.loginId(),
                    job.requestId(),
                    job.attributeSet(),
                    done.fetched().response().card().size() - 1,
                    done.fetched().requestIdReused() ? "reused" : "of a new session",
                    job.attempts());
        } else if (decision instanceof JobDecision.GaveUp gaveUp) {
            LastAnswer a = gaveUp.failed().answer();
            log.warn(
                    "loginId={} requestId={} Attributes failed: {} flinksCode={} httpStatus={} after {} attempt(s): {}",
                    job.loginId(),
                    job.requestId(),
                    gaveUp.failed().reason(),
                    a.flinksCode(),
                    a.httpStatus(),
                    job.attempts(),
                    a.message());
        } else if (decision instanceof JobDecision.Retry retry) {
            LastAnswer a = retry.retry().answer();
            if (retry.retry().kind() == AttemptResult.RetryKind.PENDING && !log.isDebugEnabled()) {
                return; // 202s are the normal rhythm of a job: not worth a line each at INFO
            }
            log.info(
                    "loginId={} requestId={} retry {} at {} ({} flinksCode={} httpStatus={})",
                    job.loginId(),
                    job.requestId(),
                    job.step(),
                    retry.dueAt(),
                    retry.retry().kind(),
                    a.flinksCode(),
                    a.httpStatus());
        }
    }
}
