package dev.flinkspipeline.testkit;

import java.util.Map;

/**
 * What a pipeline test needs from its surroundings: a Kafka cluster and a Confluent-compatible schema registry.
 * Implemented in-process ({@link PipelineInfra}) and with Testcontainers ({@link ContainerPipelineInfra}), so a
 * test can be written once against either.
 */
public interface PipelineInfrastructure {

    /** Kafka {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Base URL of the schema registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:41234}. */
    String schemaRegistryUrl();

    /** Creates a topic with replication factor 1 and the given configs; an existing topic is left as it is. */
    void createTopic(String name, int partitions, Map<String, String> configs);

    default void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Client settings for producers/consumers using the project's Confluent-compatible serde:
     * {@code bootstrap.servers} and {@code schema.registry.url}.
     */
    default Map<String, Object> clientProperties() {
        return Map.of("bootstrap.servers", bootstrapServers(), "schema.registry.url", schemaRegistryUrl());
    }
}
