package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.PlannedTopics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job engine's settings ({@code pipeline.job.*}), the same keys in every job service, each explained in
 * docs/configuration.md. The consumers' own are Spring Boot's ({@code spring.kafka.consumer.*}, whose group-id is
 * the prefix of every listener's group, and {@code spring.kafka.listener.poll-timeout}).
 *
 * @param name              the {@code job} tag of the engine's meters
 * @param stepTimeout       bound on a batch's steps: at most half of {@code max.poll.interval.ms} (checked at start)
 * @param failedBatchPause  first pause before a batch whose transaction failed is read again, doubling up to
 *                          {@code failedBatchMaxPause}
 * @param ledgerLoadTimeout bound on loading one partition's idempotency ledger on assignment
 * @param concurrency       consumer threads per listener, by its group suffix (1 when not set)
 * @param topics            how the service's planned topics are created where it creates them
 */
@ConfigurationProperties("pipeline.job")
public record JobProperties(
        @DefaultValue("job") String name,
        @DefaultValue("20s") Duration stepTimeout,
        @DefaultValue("1s") Duration failedBatchPause,
        @DefaultValue("10s") Duration failedBatchMaxPause,
        @DefaultValue("2m") Duration ledgerLoadTimeout,
        Map<String, Integer> concurrency,
        @DefaultValue Topics topics) {

    public JobProperties {
        if (!stepTimeout.isPositive()) {
            throw new IllegalArgumentException("pipeline.job.step-timeout must be positive: " + stepTimeout);
        }
        concurrency = concurrency == null ? Map.of() : Map.copyOf(concurrency);
    }

    /**
     * {@code create}: off by default, the cluster's topics are declared from the plan (tests, bare brokers: on);
     * {@code replicationFactor} -1: the broker's default.
     */
    public record Topics(
            @DefaultValue("false") boolean create,
            @DefaultValue("6") int partitions,
            @DefaultValue("-1") short replicationFactor) {

        public PlannedTopics.Plan plan() {
            return new PlannedTopics.Plan(create, partitions, replicationFactor);
        }
    }

    /** Threads of the listener whose group suffix is {@code group} (keys compared as relaxed binding does). */
    public int concurrency(String group) {
        return concurrency.entrySet().stream()
                .filter(e -> relaxed(e.getKey()).equals(relaxed(group)))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(1);
    }

    private static String relaxed(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
