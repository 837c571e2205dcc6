package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.observation.Observation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the attempts of a batch of jobs concurrently (the Flinks call budget bounds them) and decides each
 * job's next record. An attempt still running after the attempt timeout is given up for this round and
 * retried later, so a hung Flinks never holds a consumer longer than that. Each attempt may run in a span
 * continuing the trace of the record its job came from ({@link RecordTraces}).
 */
public final class JobExecutor {

    private final AttemptRunner runner;
    private final RetryPlanner planner;
    private final Clock clock;
    private final Duration attemptTimeout;
    private final RecordTraces traces;

    /** A job's decision and the {@code traceparent} the records written for it carry. */
    public record Traced(JobDecision decision, String traceparent) {}

    public JobExecutor(AttemptRunner runner, RetryPlanner planner, Clock clock, Duration attemptTimeout) {
        this(runner, planner, clock, attemptTimeout, RecordTraces.NONE);
    }

    public JobExecutor(
            AttemptRunner runner, RetryPlanner planner, Clock clock, Duration attemptTimeout, RecordTraces traces) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive");
        }
        this.attemptTimeout = attemptTimeout;
    }

    /** One decision per job, in the same order. Waits at most about the attempt timeout. */
    public List<JobDecision> runAll(List<Job> jobs) {
        return runAll(jobs, Collections.nCopies(jobs.size(), null));
    }

    /**
     * {@link #runAll(List)}, each job's attempt in a span of {@code listener} continuing
     * {@code traceparents.get(i)}, the trace of the record {@code jobs.get(i)} came from (or null).
     */
    public List<Traced> runAll(List<Job> jobs, List<String> traceparents, String listener) {
        List<Observation> spans = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            spans.add(traces.consumed(listener, traceparents.get(i), jobs.get(i).loginId()));
        }
        try {
            List<JobDecision> decisions = runAll(jobs, spans);
            List<Traced> traced = new ArrayList<>(decisions.size());
            for (int i = 0; i < decisions.size(); i++) {
                traced.add(new Traced(decisions.get(i), traces.produced(spans.get(i), traceparents.get(i))));
            }
            return traced;
        } finally {
            spans.forEach(Observation::stop);
        }
    }

    private List<JobDecision> runAll(List<Job> jobs, List<Observation> spans) {
        List<CompletableFuture<AttemptResult>> attempts = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            Observation span = spans.get(i);
            RetryLater timedOut = new RetryLater(
                    job.attempted(
                            true,
                            new LastAnswer(
                                    null,
                                    0,
                                    "attempt took longer than " + attemptTimeout.toMillis() + " ms at " + job.step())),
                    RetryKind.TIMEOUT,
                    new LastAnswer(null, 0, "attempt timed out at " + job.step()));
            CompletableFuture<AttemptResult> attempt =
                    span == null ? runner.run(job) : span.scoped(() -> runner.run(job));
            attempts.add(attempt.completeOnTimeout(timedOut, attemptTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        List<JobDecision> decisions = new ArrayList<>(jobs.size());
        for (CompletableFuture<AttemptResult> attempt : attempts) {
            decisions.add(decide(attempt.join()));
        }
        return decisions;
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
