package dev.flinkspipeline.tools.deploy;

import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** deploy/k8s/base/kafka/topics.yaml: one Strimzi KafkaTopic per topic of the plan. */
final class StrimziTopics {

    static final String PATH = "deploy/k8s/base/kafka/topics.yaml";

    private StrimziTopics() {}

    static String render(List<TopicSpec> topics, Sizing sizing, String cluster) {
        StringBuilder out = new StringBuilder(GeneratedHeader.yaml());
        out.append("# One KafkaTopic per topic the pipeline uses: replicas ")
                .append(sizing.replicationFactor())
                .append(" and min.insync.replicas ")
                .append(sizing.minInsyncReplicas())
                .append(" everywhere (a write\n# survives one broker down). The services run with topic creation off;")
                .append(" these are the only definitions.\n")
                .append("# Kubernetes names must be lower case: the topic's own name is spec.topicName.\n")
                .append("# accounts-streams' own topics (its stores' changelogs, flinks-accounts-streams-*-changelog)")
                .append(" are not declared\n# here: Kafka Streams creates them with the settings they need, under its")
                .append(" application id's prefix.\n");
        for (TopicSpec topic : topics) {
            out.append("---\n");
            Comments.wrap(topic.owner() + ": " + topic.purpose(), out);
            out.append("apiVersion: kafka.strimzi.io/v1beta2\n");
            out.append("kind: KafkaTopic\n");
            out.append("metadata:\n");
            out.append("  name: ").append(topic.name().toLowerCase(Locale.ROOT)).append('\n');
            out.append("  labels:\n");
            out.append("    strimzi.io/cluster: ").append(cluster).append('\n');
            out.append("spec:\n");
            out.append("  topicName: ").append(topic.name()).append('\n');
            out.append("  partitions: ").append(topic.partitions(sizing)).append('\n');
            out.append("  replicas: ").append(sizing.replicationFactor()).append('\n');
            out.append("  config:\n");
            for (Map.Entry<String, String> config : topic.configs(sizing).entrySet()) {
                out.append("    ")
                        .append(config.getKey())
                        .append(": ")
                        .append(yamlScalar(config.getValue()))
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** Numbers stay numbers; anything else is quoted (a policy list such as compact,delete included). */
    private static String yamlScalar(String value) {
        return value.matches("-?\\d+") ? value : "\"" + value + "\"";
    }
}
