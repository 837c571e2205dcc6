package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.service.job.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules of polling.
 *
 * @param pollInterval       wait after a 202 before the next GetAccountsDetailAsync (Flinks: 10 s)
 * @param maxPollDuration    from the job's start to its deadline (Flinks: 30 min)
 * @param backoff            waits between retries of transient failures; keep its max at or below the
 *                           poll interval so that a retry never holds back later polls of its partition
 * @param maxReauthorizations sessions re-opened after SESSION_NONEXISTENT/SESSION_EXPIRED before giving up
 * @param maxRetries          consecutive transient failures of one step before giving up (the deadline
 *                            bounds them anyway)
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
