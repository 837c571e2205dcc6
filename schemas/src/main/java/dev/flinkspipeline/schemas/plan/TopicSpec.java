package dev.flinkspipeline.schemas.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the plan.
 *
 * @param name            the topic's name
 * @param owner           the service that owns it ({@code pipeline} for the shared event topics)
 * @param purpose         why it exists and why its settings are what they are (rendered as a comment)
 * @param fixedPartitions its partitions when they do not follow the sizing (e.g. a total order), else 0
 * @param configs         its topic configs besides {@code min.insync.replicas} (which follows the sizing):
 *                        cleanup policy, retention, {@code max.message.bytes}
 */
public record TopicSpec(String name, String owner, String purpose, int fixedPartitions, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** Its partitions on a cluster of this sizing. */
    public int partitions(Sizing sizing) {
        return fixedPartitions > 0 ? fixedPartitions : sizing.partitions();
    }

    /** Every topic config on a cluster of this sizing, {@code min.insync.replicas} first, then in a stable order. */
    public Map<String, String> configs(Sizing sizing) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(sizing.minInsyncReplicas()));
        for (String key : TopicPlan.CONFIG_ORDER) {
            if (configs.containsKey(key)) {
                all.put(key, configs.get(key));
            }
        }
        return all;
    }

    /** A config of the plan (not sizing-dependent), or {@code null}. */
    public String config(String key) {
        return configs.get(key);
    }
}
