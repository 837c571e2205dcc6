package dev.flinkspipeline.registry.store;

import java.time.Duration;
import java.util.Map;

/**
 * Where and how the registry keeps its log.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param topic             the compacted topic (Confluent's default name is {@code _schemas})
 * @param timeout           upper bound of every Kafka operation (a write, the initial read, topic creation)
 * @param replicationFactor replication factor when the topic is created; 0 or less means the broker's default
 * @param clientProperties  extra Kafka client settings (security etc.) applied to admin, producer and consumer
 */
public record KafkaStoreSettings(String bootstrapServers, String topic, Duration timeout, short replicationFactor,
                                 Map<String, String> clientProperties) {
}
