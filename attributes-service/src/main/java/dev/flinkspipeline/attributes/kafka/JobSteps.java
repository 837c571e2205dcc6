package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.StepBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attributes steps on the job engine: an {@link AttemptRunner} attempt and its {@link RetryPlanner} decision,
 * whose record (keyed by loginId, CloudEvents headers) is written in the batch's transaction, counted and logged
 * once it committed.
 */
public final class JobSteps extends StepBatch<Job, JobSteps.Step> {

    /** {@code ce_source} of every event this service writes. */
    static final String SOURCE = "/flinks-pipeline/attributes";

    private static final Logger log = LoggerFactory.getLogger(JobSteps.class);

    private final AttemptRunner runner;
    private final RetryPlanner planner;
    private final AttributesProperties.TopicNames topics;

    public JobSteps(
            AttemptRunner runner, RetryPlanner planner, AttributesProperties.TopicNames topics, JobEngine engine) {
        super(engine, Job::loginId, Job::requestId);
        this.runner = runner;
        this.planner = planner;
        this.topics = topics;
    }

    /** A job's decision and the {@code traceparent} the records written for it carry. */
    record Step(JobDecision decision, String traceparent) {}

    @Override
    protected CompletableFuture<Step> step(Job job, String traceparent) {
        return runner.run(job)
                .thenApply(
                        result -> new Step(planner.decide(result, engine.clock().instant()), traceparent));
    }

    @Override
    protected Step abandoned(Job job, String traceparent) {
        JobDecision decision = planner.plan(
                AttemptRunner.timedOut(job, engine.stepTimeout()),
                engine.clock().instant());
        return new Step(decision, traceparent);
    }

    @Override
    protected List<ProducerRecord<Object, Object>> records(Step step) {
        Instant now = engine.clock().instant();
        String key = step.decision().job().loginId();
        ProducerRecord<Object, Object> record = switch (step.decision()) {
            case AttemptResult.Fetched f ->
                new ProducerRecord<>(topics.attributesReady(), key, JobRecords.attributesReady(f, now));
            case AttemptResult.Failed f ->
                new ProducerRecord<>(topics.pipelineFailed(), key, JobRecords.pipelineFailed(f, now));
            case JobDecision.Retry r ->
                new ProducerRecord<>(topics.scheduled(), key, JobRecords.toRecord(r.job(), r.dueAt()));
        };
        CloudEventHeaders.forEvent((SpecificRecord) record.value(), SOURCE, now)
                .withTraceparent(step.traceparent())
                .writeTo(record.headers());
        return List.of(record);
    }

    @Override
    protected void committed(Step step) {
        JobMetrics metrics = engine.metrics();
        Job job = step.decision().job();
        Duration sinceStart =
                Duration.between(job.firstAttemptAt(), engine.clock().instant());
        switch (step.decision()) {
            case AttemptResult.Fetched fetched -> {
                metrics.step("fetched", "path", fetched.requestIdReused() ? "reuse" : "reauthorize");
                metrics.duration("fetched", sinceStart);
                log.info(
                        "loginId={} requestId={} Attributes {} fetched ({} values, requestId {}, attempt {})",
                        job.loginId(),
                        job.requestId(),
                        job.attributeSet(),
                        fetched.response().card().size() - 1,
                        fetched.requestIdReused() ? "reused" : "of a new session",
                        job.attempts());
            }
            case AttemptResult.Failed failed -> {
                LastAnswer a = failed.answer();
                metrics.step("failed", "path", "none");
                metrics.failed(failed.reason().name(), a.flinksCode());
                metrics.duration("failed", sinceStart);
                log.warn(
                        "loginId={} requestId={} Attributes failed: {} flinksCode={} httpStatus={} after {} attempt(s): {}",
                        job.loginId(),
                        job.requestId(),
                        failed.reason(),
                        a.flinksCode(),
                        a.httpStatus(),
                        job.attempts(),
                        a.message());
            }
            case JobDecision.Retry retry -> {
                LastAnswer a = retry.retry().answer();
                metrics.step("retry", "path", "none");
                metrics.retry(retry.retry().kind().name(), "step", job.step().name());
                // 202s are the normal rhythm of a job: not worth a line each at INFO
                if (retry.retry().kind() != AttemptResult.RetryKind.PENDING || log.isDebugEnabled()) {
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
    }
}
