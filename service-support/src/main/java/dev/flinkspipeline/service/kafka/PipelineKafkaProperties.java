package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.service.settings.RequiredSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a pipeline service adds to Spring Boot's {@code spring.kafka.*}: the schema registry of the Avro
 * serde and the transactions of its producer ({@code pipeline.kafka.*}). The broker and the registry have no
 * default: a service started without them refuses to start ({@link RequiredSettings}). Kafka security (SASL, TLS)
 * is Spring Boot's: {@code spring.kafka.security.*}, {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.*}.
 *
 * @param schemaRegistryUrl      Confluent-compatible schema registry
 * @param schemaRegistryUserInfo {@code user:password} for registry basic auth; empty: none. A credential: never logged
 * @param autoRegisterSchemas    register the event schemas on first use; off by default, where the schemas are
 *                               registered ahead of the services (the local stack and the tests turn it on)
 * @param useLatestVersion       write with the subject's latest registered schema instead of the class's own
 * @param transactionIdPrefix    prefix of the producer's transactional ids: unique among running instances and
 *                               stable across restarts of one (e.g. the pod name), so a restarted instance aborts
 *                               its predecessor's open transaction at once; empty: {@code <application>-<random>-}
 * @param transactionTimeout     how long an open transaction of a crashed instance can hold back readers
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
