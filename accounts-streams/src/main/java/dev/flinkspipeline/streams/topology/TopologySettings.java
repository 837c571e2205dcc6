package dev.flinkspipeline.streams.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * @param topics          the topics read and written
 * @param markRetention   how long an account or transaction is remembered after it was last seen (record time)
 * @param cleanupInterval how often (stream time) marks older than the retention are deleted
 * @param eventSource     CloudEvents {@code ce_source} of the records written
 */
public record TopologySettings(
        StreamsTopics topics, Duration markRetention, Duration cleanupInterval, String eventSource) {

    /**
     * Flinks returns at most a year of transactions (365 days) in a snapshot: a transaction not seen for 400 days
     * cannot come back in a later snapshot, so forgetting it then cannot produce a repeat.
     */
    public static final Duration DEFAULT_MARK_RETENTION = Duration.ofDays(400);

    public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofHours(1);
    public static final String DEFAULT_EVENT_SOURCE = "/flinks-pipeline/accounts-streams";

    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(eventSource, "eventSource");
        if (markRetention == null || markRetention.isNegative() || markRetention.isZero()) {
            throw new IllegalArgumentException("markRetention must be positive: " + markRetention);
        }
        if (cleanupInterval == null || cleanupInterval.isNegative() || cleanupInterval.isZero()) {
            throw new IllegalArgumentException("cleanupInterval must be positive: " + cleanupInterval);
        }
    }

    public static TopologySettings defaults() {
        return new TopologySettings(
                StreamsTopics.defaults(), DEFAULT_MARK_RETENTION, DEFAULT_CLEANUP_INTERVAL, DEFAULT_EVENT_SOURCE);
    }
}
