package dev.flinkspipeline.service.credentials;

import java.time.Duration;
import java.time.Instant;

/**
 * When the credentials circuit was open: no job could run then, so a job's deadline is moved later by the
 * open time it waited through.
 */
@FunctionalInterface
public interface CircuitOutages {

    /** No outages (a service without the circuit, tests). */
    CircuitOutages NONE = (from, to) -> Duration.ZERO;

    /** How long the circuit was open between {@code from} and {@code to} (zero when {@code to} is not after it). */
    Duration openBetween(Instant from, Instant to);

    /**
     * {@code deadline} moved later by the time the circuit was open while a job waited from {@code dueAt}
     * (when it could have run) until {@code now} (when it runs).
     */
    default Instant credit(Instant deadline, Instant dueAt, Instant now) {
        return deadline.plus(openBetween(dueAt, now));
    }
}
