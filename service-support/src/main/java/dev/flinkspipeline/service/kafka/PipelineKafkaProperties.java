package dev.flinkspipeline.service.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a pipeline service adds to Spring Boot's {@code spring.kafka.*}: the schema registry of the Avro
 * serde and the transactions of its producer ({@code pipeline.kafka.*}).
 *
 * @param schemaRegistryUrl      Confluent-compatible schema registry
 * @param schemaRegistryUserInfo {@code user:password} for registry basic auth; empty: none. A credential: never logged
 * @param autoRegisterSchemas    register the event schemas on first use (off where a pipeline registers them)
 * @param useLatestVersion       write with the subject's latest registered schema instead of the class's own
 * @param transactionIdPrefix    prefix of the producer's transactional ids: unique among running instances and
 *                               stable across restarts of one (e.g. the pod name), so a restarted instance aborts
 *                               its predecessor's open transaction at once; empty: {@code <application>-<random>-}
 * @param transactionTimeout     how long an open transaction of a crashed instance can hold back readers
 */
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaProperties(
        @DefaultValue("http://127.0.0.1:8081") String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        @DefaultValue("true") boolean autoRegisterSchemas,
        boolean useLatestVersion,
        String transactionIdPrefix,
        @DefaultValue("30s") Duration transactionTimeout) {

    /** The defaults with another registry (for tests and tools). */
    public static PipelineKafkaProperties ofRegistry(String schemaRegistryUrl) {
        return new PipelineKafkaProperties(schemaRegistryUrl, null, true, false, null, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "PipelineKafkaProperties[schemaRegistryUrl=" + schemaRegistryUrl + ", schemaRegistryUserInfo="
                + (schemaRegistryUserInfo == null || schemaRegistryUserInfo.isBlank() ? "none" : "***")
                + ", transactionIdPrefix=" + transactionIdPrefix + "]";
    }
}
