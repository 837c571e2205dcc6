package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.Failed;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Turns a {@link RetryLater} into the next attempt's due time, within the job's budget (its deadline): a
 * wait that would end past the deadline is shortened to end at it, so the budget's last moment still gets
 * one attempt; an attempt that ends at or after the deadline fails the job. A refusal of our own credentials
 * is never the job's failure: it is due at once (the listener containers are paused until the credentials
 * circuit closes), whatever the deadline.
 */
public final class RetryPlanner {

    private final RetryDelays delays;

    public RetryPlanner(RetryDelays delays) {
        this.delays = Objects.requireNonNull(delays, "delays");
    }

    /** What to do after an attempt that asked for a retry. */
    public sealed interface Plan permits Scheduled, GiveUp {}

    /** Try again at {@code dueAt}. */
    public record Scheduled(Job job, Instant dueAt, Duration delay, RetryKind kind) implements Plan {}

    /** The budget is spent. */
    public record GiveUp(Failed failure) implements Plan {}

    public Plan plan(RetryLater retry, Instant now) {
        Job job = retry.job();
        if (retry.kind() == RetryKind.CREDENTIALS) {
            return new Scheduled(job, now, Duration.ZERO, retry.kind());
        }
        if (!now.isBefore(job.deadline())) {
            String reason = retry.kind() == RetryKind.PENDING
                    ? FailureReasons.ATTRIBUTES_TIMEOUT
                    : FailureReasons.RETRIES_EXHAUSTED;
            LastAnswer last = retry.answer();
            return new GiveUp(new Failed(
                    job,
                    reason,
                    new LastAnswer(
                            last.flinksCode(),
                            last.httpStatus(),
                            "gave up after " + job.attempts() + " attempt(s) in "
                                    + Duration.between(job.firstAttemptAt(), now)
                                            .toSeconds() + " s; last: " + last.message())));
        }
        Duration delay = retry.kind() == RetryKind.PENDING
                ? delays.afterPending()
                : delays.afterFault(job.consecutiveFaults(), retry.notBefore());
        Instant dueAt = now.plus(delay);
        if (dueAt.isAfter(job.deadline())) {
            dueAt = job.deadline();
            delay = Duration.between(now, dueAt);
        }
        return new Scheduled(job, dueAt, delay, retry.kind());
    }
}
