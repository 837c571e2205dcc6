package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.service.job.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules of polling (settings explained in docs/poller.md).
 *
 * @param backoff waits between retries; its max at or below the poll interval, a retry never holds back later polls
 */
public record PollPolicy(
        Duration pollInterval, Duration maxPollDuration, Backoff backoff, int maxReauthorizations, int maxRetries) {

    public PollPolicy {
        Objects.requireNonNull(backoff, "backoff");
        positive(pollInterval, "pollInterval");
        positive(maxPollDuration, "maxPollDuration");
        if (maxReauthorizations < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("maxReauthorizations and maxRetries must not be negative");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
