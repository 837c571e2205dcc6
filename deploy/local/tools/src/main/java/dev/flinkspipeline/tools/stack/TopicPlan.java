package dev.flinkspipeline.tools.stack;

import dev.flinkspipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the local stack with their intended settings. The broker does not auto-create topics, so
 * a service that writes to a misspelt topic fails loudly instead of creating a stray one.
 */
public final class TopicPlan {

    /** Topics whose records carry whole Flinks payloads (a year of transactions, raw webhooks). */
    private static final Set<String> FULL_PAYLOAD_TOPICS =
            Set.of(Topics.ACCOUNTS_READY, Topics.KYC_RECEIVED, Topics.ATTRIBUTES_READY, Topics.WEBHOOK_UNHANDLED);

    private TopicPlan() {}

    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    /**
     * Every pipeline topic and its dead-letter topic, with {@code partitions} partitions, plus the registry's
     * journal and snapshots: one partition each (a total order of schema writes), kept forever, as Apicurio's
     * KafkaSQL storage requires (it refuses a journal that could lose writes).
     */
    public static List<TopicSpec> localStack(int partitions) {
        List<TopicSpec> topics = new ArrayList<>();
        for (String registryTopic : List.of(ApicurioRegistry.JOURNAL_TOPIC, ApicurioRegistry.SNAPSHOTS_TOPIC)) {
            topics.add(new TopicSpec(
                    registryTopic,
                    1,
                    Map.of(
                            "cleanup.policy", "delete",
                            "retention.ms", "-1",
                            "retention.bytes", "-1",
                            "min.insync.replicas", "1")));
        }
        for (String topic : Topics.ALL) {
            topics.add(new TopicSpec(topic, partitions, configsOf(topic)));
        }
        for (String topic : Topics.ALL) {
            // Same partition count: Spring's dead-letter publisher keeps the original record's partition.
            topics.add(new TopicSpec(Topics.dlt(topic), partitions, fullPayload()));
        }
        return topics;
    }

    private static Map<String, String> configsOf(String topic) {
        Map<String, String> configs = new LinkedHashMap<>();
        // The latest state per account: older states of an account are superseded, compaction drops them.
        configs.put("cleanup.policy", topic.equals(Topics.ACCOUNT_STATE) ? "compact" : "delete");
        if (FULL_PAYLOAD_TOPICS.contains(topic)) {
            configs.putAll(fullPayload());
        }
        return configs;
    }

    private static Map<String, String> fullPayload() {
        return Map.of("max.message.bytes", Integer.toString(KafkaBrokerSetup.MAX_MESSAGE_BYTES));
    }

    /** Creates the topics that do not exist yet (a kept data folder already has them). */
    public static void apply(Admin admin, List<TopicSpec> topics) {
        List<NewTopic> creates = topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList();
        admin.createTopics(creates).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StackException(
                            "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new StackException("creating topic " + name + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while creating topics", e);
            }
        });
    }
}
