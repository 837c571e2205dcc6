package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.service.settings.RequiredSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a pipeline service adds to Spring Boot's {@code spring.kafka.*} (which has Kafka security): the Avro serde's
 * schema registry and the producer's transactions, each explained in docs/configuration.md. The user info is a
 * credential: never logged. A stable {@code transactionIdPrefix} per instance (the pod name) lets a restarted
 * instance abort its predecessor's open transaction at once.
 */
@RequiredSettings({"spring.kafka.bootstrap-servers", "pipeline.kafka.schema-registry-url"})
@ConfigurationProperties("pipeline.kafka")
public record PipelineKafkaProperties(
        String schemaRegistryUrl,
        String schemaRegistryUserInfo,
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        String transactionIdPrefix,
        @DefaultValue("30s") Duration transactionTimeout) {

    /** The defaults with this registry, registering schemas on first use (for tests and tools). */
    public static PipelineKafkaProperties ofRegistry(String schemaRegistryUrl) {
        return new PipelineKafkaProperties(schemaRegistryUrl, null, true, false, null, Duration.ofSeconds(30));
    }

    @Override
    public String toString() {
        return "PipelineKafkaProperties[schemaRegistryUrl=" + schemaRegistryUrl + ", schemaRegistryUserInfo="
                + (schemaRegistryUserInfo == null || schemaRegistryUserInfo.isBlank() ? "none" : "***")
                + ", autoRegisterSchemas=" + autoRegisterSchemas + ", transactionIdPrefix=" + transactionIdPrefix + "]";
    }
}
