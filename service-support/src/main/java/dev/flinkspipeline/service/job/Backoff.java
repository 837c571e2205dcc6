package dev.flinkspipeline.service.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter, bounded by a deadline. Retry {@code n} (1 for the first retry)
 * waits a uniformly random time in {@code [0, min(max, initial * multiplier^(n-1))]}: spreading the
 * retries of many jobs that failed together (a Flinks outage) instead of sending them back in waves.
 *
 * @param initial    ceiling of the first retry's delay
 * @param max        ceiling of every delay
 * @param multiplier growth of the ceiling per retry, at least 1
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must be at least initial");
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number of at least 1");
        }
    }

    /** The longest delay retry {@code retry} (1-based) may wait. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based");
        }
        double nanos = initial.toNanos() * Math.pow(multiplier, retry - 1);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** A random delay for retry {@code retry}: uniform in {@code [0, ceiling(retry)]}. */
    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toNanos();
        return Duration.ofNanos(random.nextLong(ceiling + 1));
    }

    /**
     * When retry {@code retry} should happen: {@code now + delay}, at least {@code notBefore} after now
     * (a server's {@code Retry-After}, or null), and never after {@code deadline} (a retry that would
     * fall later happens at the deadline, the last chance). Empty when the deadline has passed.
     */
    public Optional<Instant> nextAttempt(
            int retry, Instant now, Instant deadline, Duration notBefore, RandomGenerator random) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(deadline, "deadline");
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Duration delay = delay(retry, random);
        if (notBefore != null && delay.compareTo(notBefore) < 0) {
            delay = notBefore;
        }
        Instant at = now.plus(delay);
        return Optional.of(at.isAfter(deadline) ? deadline : at);
    }
}
