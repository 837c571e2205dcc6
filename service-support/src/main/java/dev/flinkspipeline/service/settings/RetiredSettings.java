package dev.flinkspipeline.service.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Settings the services no longer read, each with the one that replaced it: a service that is still given one
 * refuses to start naming both, rather than running silently on the default (docs/configuration.md, Migrating).
 */
public final class RetiredSettings {

    private static final Map<String, String> REPLACED_BY = new LinkedHashMap<>();

    static {
        for (String service : List.of("poller.consumer.", "attributes.kafka.")) {
            REPLACED_BY.put(service + "group-id", "spring.kafka.consumer.group-id");
            REPLACED_BY.put(service + "max-poll-records", "spring.kafka.consumer.max-poll-records");
        }
        for (String service : List.of("poller.topics.", "attributes.topics.")) {
            REPLACED_BY.put(service + "create", "pipeline.job.topics.create");
            REPLACED_BY.put(service + "replication-factor", "pipeline.job.topics.replication-factor");
        }
        REPLACED_BY.put("poller.topics.partitions", "pipeline.job.topics.partitions");
        REPLACED_BY.put("attributes.topics.default-partitions", "pipeline.job.topics.partitions");
        REPLACED_BY.put("poller.consumer.login-concurrency", "pipeline.job.concurrency.logins");
        REPLACED_BY.put("poller.consumer.poll-concurrency", "pipeline.job.concurrency.polls");
        REPLACED_BY.put("poller.consumer.webhook-wait-concurrency", "pipeline.job.concurrency.webhook-wait");
        REPLACED_BY.put("poller.consumer.batch-timeout", "pipeline.job.step-timeout");
        REPLACED_BY.put("poller.consumer.max-poll-interval", "spring.kafka.consumer.max-poll-interval");
        REPLACED_BY.put("poller.consumer.poll-timeout", "spring.kafka.listener.poll-timeout");
        REPLACED_BY.put("poller.consumer.failed-batch-pause", "pipeline.job.failed-batch-pause");
        REPLACED_BY.put("poller.consumer.fetch-max-wait", "spring.kafka.consumer.fetch-max-wait");
        REPLACED_BY.put("poller.dedup.load-timeout", "pipeline.job.ledger-load-timeout");
        REPLACED_BY.put("attributes.kafka.concurrency", "pipeline.job.concurrency.accounts-ready and .scheduled");
        REPLACED_BY.put("attributes.kafka.state-load-timeout", "pipeline.job.ledger-load-timeout");
        REPLACED_BY.put("attributes.attempt-timeout", "pipeline.job.step-timeout");
        REPLACED_BY.put("attributes.retry.kafka-failure-delay", "pipeline.job.failed-batch-pause");
    }

    private RetiredSettings() {}

    /** @throws IllegalStateException naming each retired setting that is set, and its replacement */
    static void check(Binder binder) {
        String set = REPLACED_BY.entrySet().stream()
                .filter(e -> binder.bind(e.getKey(), String.class).isBound())
                .map(e -> e.getKey() + " (" + MissingSettingsException.environmentVariable(e.getKey()) + ") is now "
                        + e.getValue())
                .collect(Collectors.joining("; "));
        if (!set.isEmpty()) {
            throw new IllegalStateException("Settings no longer read, rename them: " + set
                    + " (docs/configuration.md, migrating from the poller.consumer.* / attributes.kafka.* keys)");
        }
    }
}
