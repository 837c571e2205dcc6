package dev.flinkspipeline.ingest.edge;

import java.time.Duration;

/**
 * How fast a request body must arrive: any body has {@code grace} from the end of its headers; after
 * that it must have averaged {@code minBytesPerSecond} since then; and the whole body must arrive within
 * {@code timeout}. A client trickling bytes (one per second) is cut after the grace, while a large body
 * on any real link finishes long before either bound.
 */
public record BodyPace(long graceNanos, long minBytesPerSecond, long timeoutNanos) {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    public enum Verdict {
        ON_PACE,
        TOO_SLOW,
        TIMED_OUT
    }

    public BodyPace {
        if (graceNanos < 0 || minBytesPerSecond <= 0 || timeoutNanos <= 0) {
            throw new IllegalArgumentException(
                    "body grace must not be negative, minimum rate and timeout must be positive");
        }
    }

    public static BodyPace of(Duration grace, long minBytesPerSecond, Duration timeout) {
        return new BodyPace(grace.toNanos(), minBytesPerSecond, timeout.toNanos());
    }

    /** Whether {@code received} bytes {@code elapsedNanos} after the headers are acceptable. */
    public Verdict verdict(long elapsedNanos, long received) {
        if (elapsedNanos >= timeoutNanos) {
            return Verdict.TIMED_OUT;
        }
        if (elapsedNanos > graceNanos && received < required(elapsedNanos)) {
            return Verdict.TOO_SLOW;
        }
        return Verdict.ON_PACE;
    }

    /** When (elapsed nanos) {@code received} bytes stop being enough: the next moment to check. */
    public long nextCheckNanos(long received) {
        long bytesBeyondGrace = (timeoutNanos - graceNanos) / NANOS_PER_SECOND * minBytesPerSecond + minBytesPerSecond;
        if (received >= bytesBeyondGrace) {
            return timeoutNanos;
        }
        return Math.min(timeoutNanos, graceNanos + (received + 1) * NANOS_PER_SECOND / minBytesPerSecond);
    }

    private long required(long elapsedNanos) {
        long afterGrace = elapsedNanos - graceNanos;
        return afterGrace / NANOS_PER_SECOND * minBytesPerSecond
                + afterGrace % NANOS_PER_SECOND * minBytesPerSecond / NANOS_PER_SECOND;
    }
}
