package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic a service creates when its {@code <service>.topics.create} is on (tests, a bare broker): with the
 * settings of the project's topic plan, under the name the service is configured with. In the cluster the
 * topics are KafkaTopics generated from the same plan and the services create none.
 */
public final class PlannedTopics {

    private PlannedTopics() {}

    /**
     * @param planned     the topic's name in the plan (its default name)
     * @param name        the name the service uses
     * @param partitions  empty: the broker's default (for a topic another service owns, never re-partitioned)
     * @param replication empty: the broker's default
     * @param overrides   configs the service's own settings decide (e.g. a retention that follows a window)
     */
    public static NewTopic newTopic(
            String planned,
            String name,
            Optional<Integer> partitions,
            Optional<Short> replication,
            Map<String, String> overrides) {
        Map<String, String> configs =
                new LinkedHashMap<>(TopicPlan.topic(planned).configs());
        configs.putAll(overrides);
        return new NewTopic(name, partitions, replication).configs(configs);
    }

    /** {@link #newTopic(String, String, Optional, Optional, Map)} with the plan's configs only. */
    public static NewTopic newTopic(
            String planned, String name, Optional<Integer> partitions, Optional<Short> replication) {
        return newTopic(planned, name, partitions, replication, Map.of());
    }
}
