package dev.flinkspipeline.schemas.plan;

import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT;
import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_DELETE;
import static org.apache.kafka.common.config.TopicConfig.MAX_MESSAGE_BYTES_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.RETENTION_BYTES_CONFIG;
import static org.apache.kafka.common.config.TopicConfig.RETENTION_MS_CONFIG;

import dev.flinkspipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every topic of the pipeline with its settings, declared once: the local stack creates them from here, the
 * services create theirs from here when asked to, and deploy/k8s/base/kafka/topics.yaml and
 * deploy/compose/create-topics.sh are generated from here ({@code pipeline-tools generate-deploy}).
 *
 * <p>Pipeline topics keep the broker's retention; whole Flinks payloads (a year of transactions, raw webhooks)
 * and dead letters (the original record, whatever its size) take 16 MiB records.
 */
public final class TopicPlan {

    /** 16 MiB: a GetAccountsDetail with 365 days of transactions reaches several MB. */
    public static final int FULL_PAYLOAD_BYTES = 16 * 1024 * 1024;

    /** Apicurio Registry's KafkaSQL journal. */
    public static final String REGISTRY_JOURNAL = "kafkasql-journal";
    /** Apicurio Registry's KafkaSQL snapshots. */
    public static final String REGISTRY_SNAPSHOTS = "kafkasql-snapshots";

    /** The poller's default dedup window ({@code poller.dedup.window}): how long logins-seen keeps an eventId. */
    public static final Duration POLLER_DEDUP_WINDOW = Duration.ofDays(7);
    /** accounts-seen keeps an arrival 2 x the default {@code poller.webhook-fallback.grace} (30 min) + 1 h. */
    public static final Duration POLLER_ACCOUNTS_SEEN_RETENTION = Duration.ofHours(2);
    /** ingest's default {@code ingest.tag-bindings.retention}: longer than a Connect session's tag lives. */
    public static final Duration INGEST_TAG_BINDINGS_RETENTION = Duration.ofHours(24);

    /** The order configs are listed in, wherever they are rendered. */
    static final List<String> CONFIG_ORDER =
            List.of(CLEANUP_POLICY_CONFIG, RETENTION_MS_CONFIG, RETENTION_BYTES_CONFIG, MAX_MESSAGE_BYTES_CONFIG);

    /** Owner of the event topics between services. */
    public static final String PIPELINE = "pipeline";

    private static final Set<String> FULL_PAYLOAD =
            Set.of(Topics.ACCOUNTS_READY, Topics.KYC_RECEIVED, Topics.ATTRIBUTES_READY, Topics.WEBHOOK_UNHANDLED);

    private static final Map<String, String> PURPOSES = Map.of(
            Topics.LOGIN_RECEIVED,
                    "LoginReceived, a customer finished Flinks Connect (key loginId, as every event"
                            + " topic but the per-account ones)",
            Topics.KYC_RECEIVED, "KycReceived, the early KYC webhook",
            Topics.ACCOUNTS_READY, "AccountsReady, the full GetAccountsDetail result (poll or webhook)",
            Topics.ATTRIBUTES_READY, "AttributesReady, the Attributes result",
            Topics.PIPELINE_FAILED, "PipelineFailed, a terminal failure",
            Topics.POLL_SCHEDULED, "PollScheduled, the poller's queue of pending polls",
            Topics.WEBHOOK_UNHANDLED, "webhooks of a type not turned into an event, kept raw",
            Topics.ACCOUNT_STATE,
                    "accounts-streams: the latest state of each account (key accountId); compaction"
                            + " keeps the last one per account",
            Topics.ACCOUNT_TRANSACTIONS, "accounts-streams: each transaction once (key accountId)");

    private static final List<TopicSpec> ALL = declare();

    private TopicPlan() {}

    /** Every topic, in the order they are rendered. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /** The topic of that name. */
    public static TopicSpec topic(String name) {
        return ALL.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no topic " + name + " in the topic plan"));
    }

    /** The topics an owner (a service, or {@link #PIPELINE}) owns. */
    public static List<TopicSpec> ownedBy(String owner) {
        return ALL.stream().filter(t -> t.owner().equals(owner)).toList();
    }

    private static List<TopicSpec> declare() {
        List<TopicSpec> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(pipelineTopic(topic));
        }
        for (String topic : Topics.ALL) {
            topics.add(deadLetter(
                    topic,
                    topic.equals(Topics.POLL_SCHEDULED) ? Principals.POLLER : PIPELINE,
                    "dead letters of " + topic));
        }
        topics.add(new TopicSpec(
                Topics.POLLER_LOGINS_SEEN,
                Principals.POLLER,
                "LoginReceived eventIds taken on, kept for the dedup window (poller.dedup.window); read partition by"
                        + " partition along " + Topics.LOGIN_RECEIVED + ", so as many partitions",
                0,
                configs(CLEANUP_POLICY_COMPACT + "," + CLEANUP_POLICY_DELETE, POLLER_DEDUP_WINDOW, false)));
        topics.add(new TopicSpec(
                Topics.POLLER_WEBHOOK_WAIT,
                Principals.POLLER,
                "webhook-flow logins waiting for their webhook; as many partitions as " + Topics.ACCOUNTS_READY,
                0,
                configs(CLEANUP_POLICY_DELETE, null, false)));
        topics.add(deadLetter(Topics.POLLER_WEBHOOK_WAIT, Principals.POLLER, "dead letters of the webhook wait"));
        topics.add(new TopicSpec(
                Topics.POLLER_ACCOUNTS_SEEN,
                Principals.POLLER,
                "logins whose AccountsReady arrived, kept 2 x poller.webhook-fallback.grace + 1 h",
                0,
                configs(CLEANUP_POLICY_COMPACT + "," + CLEANUP_POLICY_DELETE, POLLER_ACCOUNTS_SEEN_RETENTION, false)));
        topics.add(new TopicSpec(
                Topics.ATTRIBUTES_SNAPSHOTS,
                Principals.ATTRIBUTES,
                "the snapshot state, one partition per " + Topics.ACCOUNTS_READY + " partition (checked at start);"
                        + " compacted: the latest snapshot per key",
                0,
                configs(CLEANUP_POLICY_COMPACT, null, false)));
        topics.add(new TopicSpec(
                Topics.ATTRIBUTES_SCHEDULED,
                Principals.ATTRIBUTES,
                "scheduled retries carrying the whole AccountsReady",
                0,
                configs(CLEANUP_POLICY_DELETE, null, true)));
        topics.add(deadLetter(Topics.ATTRIBUTES_SCHEDULED, Principals.ATTRIBUTES, "dead letters of the retries"));
        topics.add(new TopicSpec(
                Topics.INGEST_TAG_BINDINGS,
                Principals.INGEST,
                "Connect session -> login claims, read whole at start; delete, never compacted (compaction would"
                        + " keep only the last claim of a session), kept longer than a tag lives"
                        + " (ingest.tag-bindings.retention)",
                3,
                configs(CLEANUP_POLICY_DELETE, INGEST_TAG_BINDINGS_RETENTION, false)));
        for (String registryTopic : List.of(REGISTRY_JOURNAL, REGISTRY_SNAPSHOTS)) {
            Map<String, String> forever = new LinkedHashMap<>();
            forever.put(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_DELETE);
            forever.put(RETENTION_MS_CONFIG, "-1");
            forever.put(RETENTION_BYTES_CONFIG, "-1");
            topics.add(new TopicSpec(
                    registryTopic,
                    Principals.REGISTRY,
                    "Apicurio Registry's KafkaSQL store: one partition (a total order of schema writes), never"
                            + " deleted (the registry refuses a journal that could lose writes)",
                    1,
                    forever));
        }
        return List.copyOf(topics);
    }

    private static TopicSpec pipelineTopic(String topic) {
        String owner = topic.equals(Topics.POLL_SCHEDULED) ? Principals.POLLER : PIPELINE;
        String cleanupPolicy = topic.equals(Topics.ACCOUNT_STATE) ? CLEANUP_POLICY_COMPACT : CLEANUP_POLICY_DELETE;
        boolean full = FULL_PAYLOAD.contains(topic);
        String purpose = PURPOSES.get(topic) + (full ? "; whole Flinks payloads: 16 MiB records" : "");
        return new TopicSpec(topic, owner, purpose, 0, configs(cleanupPolicy, null, full));
    }

    private static TopicSpec deadLetter(String topic, String owner, String purpose) {
        // Same partitions as its topic: Spring's dead-letter publisher keeps the original record's partition.
        return new TopicSpec(Topics.dlt(topic), owner, purpose, 0, configs(CLEANUP_POLICY_DELETE, null, true));
    }

    private static Map<String, String> configs(String cleanupPolicy, Duration retention, boolean fullPayload) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(CLEANUP_POLICY_CONFIG, cleanupPolicy);
        if (retention != null) {
            configs.put(RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        if (fullPayload) {
            configs.put(MAX_MESSAGE_BYTES_CONFIG, Integer.toString(FULL_PAYLOAD_BYTES));
        }
        return configs;
    }
}
