package dev.flinkspipeline.service.credentials;

import java.time.Duration;
import java.time.Instant;

/** When the credentials circuit was open: no job could run then, so a job's deadline moves later by that time. */
@FunctionalInterface
public interface CircuitOutages {

    /** No outages (a service without the circuit, tests). */
    CircuitOutages NONE = (from, to) -> Duration.ZERO;

    /** How long the circuit was open between {@code from} and {@code to} (zero unless {@code to} is after it). */
    Duration openBetween(Instant from, Instant to);

    /** {@code deadline} moved later by the open time a job waited through from {@code dueAt} until {@code now}. */
    default Instant credit(Instant deadline, Instant dueAt, Instant now) {
        return deadline.plus(openBetween(dueAt, now));
    }
}
