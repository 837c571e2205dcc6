package dev.flinkspipeline.ingest.retry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Repeats a call while its outcome is retryable, waiting {@link Backoff} delays (or the server's longer
 * {@code Retry-After}), until a deadline: the last outcome is returned when the next wait would end past
 * it. Each attempt is told how much time is left so that it can bound its own wait.
 */
public final class DeadlineRetry {

    /** One attempt; may return null for "no answer in time". */
    @FunctionalInterface
    public interface Attempt<T> {
        T call(Duration timeLeft) throws InterruptedException;
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The last outcome (null: the last attempt had no answer in time) and how many attempts were made. */
    public record Outcome<T>(T result, int attempts) {}

    private final Backoff backoff;
    private final Duration deadline;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public DeadlineRetry(
            Backoff backoff, Duration deadline, LongSupplier nanoTime, Sleeper sleeper, DoubleSupplier random) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        if (deadline.isNegative()) {
            throw new IllegalArgumentException("the deadline must not be negative");
        }
    }

    /**
     * @param retryable  whether an outcome is worth another attempt (a null outcome always is)
     * @param retryAfter the server's requested wait of an outcome, or null
     */
    public <T> Outcome<T> run(Attempt<T> attempt, Predicate<T> retryable, Function<T, Duration> retryAfter)
            throws InterruptedException {
        long end = nanoTime.getAsLong() + deadline.toNanos();
        for (int attempts = 1; ; attempts++) {
            T result = attempt.call(Duration.ofNanos(Math.max(0, end - nanoTime.getAsLong())));
            if (result != null && !retryable.test(result)) {
                return new Outcome<>(result, attempts);
            }
            Duration wait = backoff.delay(attempts, random);
            Duration asked = result == null ? null : retryAfter.apply(result);
            if (asked != null && asked.compareTo(wait) > 0) {
                wait = asked;
            }
            if (end - nanoTime.getAsLong() <= wait.toNanos()) {
                return new Outcome<>(result, attempts);
            }
            sleeper.sleep(wait);
        }
    }
}
