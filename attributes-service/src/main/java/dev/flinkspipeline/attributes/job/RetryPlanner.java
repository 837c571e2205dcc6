package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.Failed;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a job attempts again after a {@link RetryLater}: a 202 at Flinks' cadence ±{@code pendingJitter}, a fault
 * after an exponential backoff with full jitter ({@link Backoff}) so that jobs failing together do not come back
 * together. A wait is cut to end at the deadline (its last moment still gets an attempt); at or after it the job
 * fails. A refusal of our own credentials is due at once: the containers stay paused until the circuit closes.
 */
public final class RetryPlanner {

    private final Duration pendingInterval;
    private final double pendingJitter;
    private final Backoff faults;
    private final RandomGenerator random;

    /** @param pendingJitter fraction in [0, 1): the pending interval d becomes uniform in [d(1-j), d(1+j)] */
    public RetryPlanner(Duration pendingInterval, double pendingJitter, Backoff faults, RandomGenerator random) {
        if (!pendingInterval.isPositive()) {
            throw new IllegalArgumentException("pending interval must be positive");
        }
        if (!(pendingJitter >= 0 && pendingJitter < 1)) {
            throw new IllegalArgumentException("pending jitter must be in [0, 1), was " + pendingJitter);
        }
        this.pendingInterval = pendingInterval;
        this.pendingJitter = pendingJitter;
        this.faults = Objects.requireNonNull(faults, "faults");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The decision after an attempt: its result, or for a {@link RetryLater} {@link #plan}. */
    public JobDecision decide(AttemptResult result, Instant now) {
        return result instanceof RetryLater retry ? plan(retry, now) : (JobDecision) result;
    }

    /** The job's next attempt, or its failure once the deadline has passed. */
    public JobDecision plan(RetryLater retry, Instant now) {
        Job job = retry.job();
        if (retry.kind() == RetryKind.CREDENTIALS) {
            return new JobDecision.Retry(retry, now);
        }
        boolean pending = retry.kind() == RetryKind.PENDING;
        if (!now.isBefore(job.deadline())) {
            LastAnswer last = retry.answer();
            String message = "gave up after " + job.attempts() + " attempt(s) in "
                    + Duration.between(job.firstAttemptAt(), now).toSeconds() + " s; last: " + last.message();
            return new Failed(
                    job,
                    pending ? FailureReason.ATTRIBUTES_TIMEOUT : FailureReason.RETRIES_EXHAUSTED,
                    new LastAnswer(last.flinksCode(), last.httpStatus(), message));
        }
        Instant dueAt = now.plus(pending ? afterPending() : afterFault(job.consecutiveFaults(), retry.notBefore()));
        return new JobDecision.Retry(retry, dueAt.isAfter(job.deadline()) ? job.deadline() : dueAt);
    }

    private Duration afterPending() {
        double factor = 1 + pendingJitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(pendingInterval.toMillis() * factor)));
    }

    /** After the {@code consecutiveFaults}-th fault in a row (1 = first), at least a server's Retry-After. */
    private Duration afterFault(int consecutiveFaults, Duration notBefore) {
        Duration backoff = faults.delay(Math.max(1, consecutiveFaults), random);
        Duration delay = backoff.isZero() ? Duration.ofMillis(1) : backoff;
        return notBefore != null && delay.compareTo(notBefore) < 0 ? notBefore : delay;
    }
}
