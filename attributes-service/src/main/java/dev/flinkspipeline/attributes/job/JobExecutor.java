package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.StepBatch;
import dev.flinkspipeline.service.tracing.RecordTraces;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The attributes steps for the engine's {@link StepBatch}: a job's attempt ({@link AttemptRunner}) and the
 * decision that follows ({@link RetryPlanner}). An attempt still running after the attempt timeout is given up
 * for this round and retried later, so a hung Flinks never holds a consumer longer than that.
 */
public final class JobExecutor implements StepBatch.Steps<Job, JobExecutor.Traced> {

    private final AttemptRunner runner;
    private final RetryPlanner planner;
    private final Clock clock;
    private final Duration attemptTimeout;
    private final RecordTraces traces;
    private final JobMetrics metrics;

    /** A job's decision and the {@code traceparent} the records written for it carry. */
    public record Traced(JobDecision decision, String traceparent) {}

    public JobExecutor(
            AttemptRunner runner,
            RetryPlanner planner,
            Clock clock,
            Duration attemptTimeout,
            RecordTraces traces,
            JobMetrics metrics) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive");
        }
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * One decision per job, in the same order, each job's attempt in a span of {@code listener} continuing
     * {@code traceparents.get(i)}, the trace of the record {@code jobs.get(i)} came from (or null). Waits at
     * most about the attempt timeout.
     */
    public List<Traced> runAll(List<Job> jobs, List<String> traceparents, String listener) {
        return StepBatch.run(this, jobs, traceparents, listener, traces, metrics, attemptTimeout);
    }

    @Override
    public String loginId(Job job) {
        return job.loginId();
    }

    @Override
    public CompletableFuture<Traced> run(Job job, String traceparent) {
        return runner.run(job).thenApply(result -> new Traced(decide(result), traceparent));
    }

    @Override
    public Traced abandoned(Job job, String traceparent, Throwable failure) {
        RetryLater timedOut = new RetryLater(
                job.attempted(
                        true,
                        new LastAnswer(
                                null,
                                0,
                                "attempt took longer than " + attemptTimeout.toMillis() + " ms at " + job.step())),
                RetryKind.TIMEOUT,
                new LastAnswer(null, 0, "attempt timed out at " + job.step()));
        return new Traced(decide(timedOut), traceparent);
    }

    JobDecision decide(AttemptResult result) {
        if (result instanceof AttemptResult.Fetched fetched) {
            return new JobDecision.Done(fetched);
        }
        if (result instanceof AttemptResult.Failed failed) {
            return new JobDecision.GaveUp(failed);
        }
        RetryLater retry = (RetryLater) result;
        RetryPlanner.Plan plan = planner.plan(retry, clock.instant());
        if (plan instanceof RetryPlanner.Scheduled scheduled) {
            return new JobDecision.Retry(retry, scheduled.dueAt());
        }
        return new JobDecision.GaveUp(((RetryPlanner.GiveUp) plan).failure());
    }
}
