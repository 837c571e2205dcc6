package dev.flinkspipeline.tools.deploy;

import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import java.util.List;
import java.util.Map;

/**
 * deploy/compose/create-topics.sh: creates every topic of the plan on the compose stack's one broker (replication
 * factor 1). Topics without a fixed partition count get {@code $TOPIC_PARTITIONS} (default 3), all the same, as
 * the services read some of them partition by partition along another.
 */
final class ComposeTopicScript {

    static final String PATH = "deploy/compose/create-topics.sh";

    private ComposeTopicScript() {}

    static String render(List<TopicSpec> topics) {
        Sizing single = Sizing.singleBroker(3);
        StringBuilder out = new StringBuilder("#!/bin/sh\n").append(GeneratedHeader.shell());
        out.append("# Creates every topic of the topic plan on the compose stack's one broker: replication factor 1,\n")
                .append("# $TOPIC_PARTITIONS partitions (default 3) for all but the fixed ones.\n")
                .append("set -eu\n")
                .append("BOOTSTRAP=${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}\n")
                .append("PARTITIONS=${TOPIC_PARTITIONS:-3}\n\n")
                .append("create() { # name, partitions, --config key=value...\n")
                .append("  name=$1; partitions=$2; shift 2\n")
                .append("  /opt/kafka/bin/kafka-topics.sh --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists")
                .append(" --topic \"$name\" \\\n")
                .append("    --partitions \"$partitions\" --replication-factor 1 \"$@\"\n")
                .append("}\n");
        for (TopicSpec topic : topics) {
            out.append('\n');
            Comments.wrap(topic.owner() + ": " + topic.purpose(), out);
            out.append("create ")
                    .append(topic.name())
                    .append(' ')
                    .append(
                            topic.fixedPartitions() > 0
                                    ? Integer.toString(topic.fixedPartitions())
                                    : "\"$PARTITIONS\"");
            for (Map.Entry<String, String> config : topic.configs(single).entrySet()) {
                out.append(" --config ").append(config.getKey()).append('=').append(config.getValue());
            }
            out.append('\n');
        }
        return out.toString();
    }
}
