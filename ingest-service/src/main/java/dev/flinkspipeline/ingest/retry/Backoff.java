package dev.flinkspipeline.ingest.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": the n-th delay is drawn between half and all of
 * {@code min(max, initial * 2^(n-1))}. The lower half keeps a retry from hammering right away; the random
 * upper half spreads the clients that all failed at the same moment (a broker outage, a Flinks hiccup), so
 * they do not come back in step.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("the initial delay must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the maximum delay must be at least the initial delay");
        }
    }

    /** The ceiling of the {@code attempt}-th delay (1-based), before jitter. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
    }

    /**
     * The {@code attempt}-th delay (1-based) with jitter.
     *
     * @param random a value in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    /**
     * Successive delays whose running total stays within {@code budget}: the waits between the attempts of
     * a retry loop that must be over by then. The last delay is cut short to end exactly at the budget when
     * the next full one would overshoot it, so the final attempt happens at the deadline rather than well
     * before it.
     */
    public List<Duration> schedule(Duration budget, DoubleSupplier random) {
        List<Duration> delays = new ArrayList<>();
        long left = budget.toMillis();
        for (int attempt = 1; left > 0; attempt++) {
            long next = delay(attempt, random).toMillis();
            if (next >= left) {
                if (left >= initial.toMillis() / 2) {
                    delays.add(Duration.ofMillis(left));
                }
                break;
            }
            delays.add(Duration.ofMillis(next));
            left -= next;
        }
        return delays;
    }
}
