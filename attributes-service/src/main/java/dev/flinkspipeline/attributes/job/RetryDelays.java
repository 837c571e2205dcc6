package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.service.job.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Delays between attempts. A 202 is polled again at Flinks' recommended cadence (10 s by default) with a
 * jitter of ±{@code pendingJitter}; faults back off exponentially with full jitter (the shared
 * {@link Backoff}), so that jobs failing together (a Flinks outage) do not come back together.
 */
public final class RetryDelays {

    private final Duration pendingInterval;
    private final double pendingJitter;
    private final Backoff faults;
    private final RandomGenerator random;

    /** @param pendingJitter fraction in [0, 1): the pending interval d becomes uniform in [d(1-j), d(1+j)] */
    public RetryDelays(Duration pendingInterval, double pendingJitter, Backoff faults, RandomGenerator random) {
        Objects.requireNonNull(pendingInterval, "pendingInterval");
        if (pendingInterval.isNegative() || pendingInterval.isZero()) {
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

    /** The wait after a 202. */
    public Duration afterPending() {
        double factor = 1 + pendingJitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(pendingInterval.toMillis() * factor)));
    }

    /**
     * The wait after the {@code consecutiveFaults}-th failure in a row (1 = first), at least
     * {@code notBefore} (a server's Retry-After) when given.
     */
    public Duration afterFault(int consecutiveFaults, Duration notBefore) {
        Duration delay = faults.delay(Math.max(1, consecutiveFaults), random);
        if (delay.isZero()) {
            delay = Duration.ofMillis(1);
        }
        return notBefore != null && delay.compareTo(notBefore) < 0 ? notBefore : delay;
    }
}
