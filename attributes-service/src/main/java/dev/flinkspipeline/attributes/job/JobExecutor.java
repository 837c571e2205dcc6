package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the attempts of a batch of jobs concurrently (the Flinks call budget bounds them) and decides each
 * job's next record. An attempt still running after the attempt timeout is given up for this round and
 * retried later, so a hung Flinks never holds a consumer longer than that.
 */
public final class JobExecutor {

    private final AttemptRunner runner;
    private final RetryPlanner planner;
    private final Clock clock;
    private final Duration attemptTimeout;

    public JobExecutor(AttemptRunner runner, RetryPlanner planner, Clock clock, Duration attemptTimeout) {
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
        List<CompletableFuture<AttemptResult>> attempts = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            RetryLater timedOut = new RetryLater(
                    job.attempted(
                            true,
                            new LastAnswer(
                                    null,
                                    0,
                                    "attempt took longer than " + attemptTimeout.toMillis() + " ms at " + job.step())),
                    RetryKind.TIMEOUT,
                    new LastAnswer(null, 0, "attempt timed out at " + job.step()));
            attempts.add(runner.run(job).completeOnTimeout(timedOut, attemptTimeout.toMillis(), TimeUnit.MILLISECONDS));
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
