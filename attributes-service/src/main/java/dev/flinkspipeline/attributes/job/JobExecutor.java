package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A job's attempt ({@link AttemptRunner}) and the decision that follows ({@link RetryPlanner}): the attributes step
 * the job engine runs; an attempt still running at the attempt timeout is retried later ({@link #timedOut}).
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

    /** The decision after {@code job}'s next attempt. */
    public CompletableFuture<JobDecision> run(Job job) {
        return runner.run(job).thenApply(this::decide);
    }

    /** The decision when {@code job}'s attempt did not end within the attempt timeout. */
    public JobDecision timedOut(Job job) {
        return decide(new RetryLater(
                job.attempted(
                        true,
                        new LastAnswer(
                                null,
                                0,
                                "attempt took longer than " + attemptTimeout.toMillis() + " ms at " + job.step())),
                RetryKind.TIMEOUT,
                new LastAnswer(null, 0, "attempt timed out at " + job.step())));
    }

    JobDecision decide(AttemptResult result) {
        if (result instanceof AttemptResult.Fetched fetched) {
            return new JobDecision.Done(fetched);
        }
        if (result instanceof AttemptResult.Failed failed) {
            return new JobDecision.GaveUp(failed);
        }
        return planner.plan((RetryLater) result, clock.instant());
    }
}
