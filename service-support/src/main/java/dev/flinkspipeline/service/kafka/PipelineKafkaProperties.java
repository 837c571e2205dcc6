package dev.flinkspipeline.service.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a pipeline service adds to Spring Boot's {@code spring.kafka.*}: the schema registry of the Avro
 * serde and the transactions of its producer ({@code pipeline.kafka.*}).
 */
@ConfigurationProperties("pipeline.kafka")
public class PipelineKafkaProperties {

    /** Confluent-compatible schema registry, e.g. {@code http://127.0.0.1:8081}. */
    private String schemaRegistryUrl = "http://127.0.0.1:8081";
    /** {@code user:password} for registry basic auth; empty: none. A credential: never logged. */
    private String schemaRegistryUserInfo;
    /** Register the event schemas on first use (off where schemas are registered by a pipeline). */
    private boolean autoRegisterSchemas = true;
    /** Write with the subject's latest registered schema instead of the class's own. */
    private boolean useLatestVersion = false;
    /**
     * Prefix of the producer's transactional ids. Must differ between instances that run at the same
     * time; keep it stable across restarts of one instance (e.g. the pod name) so that a restarted
     * instance aborts its predecessor's open transaction at once instead of waiting for its timeout.
     * Empty: {@code <spring.application.name>-<random>-}.
     */
    private String transactionIdPrefix;
    /** Transaction timeout: how long an open transaction of a crashed instance can hold back readers. */
    private Duration transactionTimeout = Duration.ofSeconds(30);

    public String getSchemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public void setSchemaRegistryUrl(String schemaRegistryUrl) {
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    public String getSchemaRegistryUserInfo() {
        return schemaRegistryUserInfo;
    }

    public void setSchemaRegistryUserInfo(String schemaRegistryUserInfo) {
        this.schemaRegistryUserInfo = schemaRegistryUserInfo;
    }

    public boolean isAutoRegisterSchemas() {
        return autoRegisterSchemas;
    }

    public void setAutoRegisterSchemas(boolean autoRegisterSchemas) {
        this.autoRegisterSchemas = autoRegisterSchemas;
    }

    public boolean isUseLatestVersion() {
        return useLatestVersion;
    }

    public void setUseLatestVersion(boolean useLatestVersion) {
        this.useLatestVersion = useLatestVersion;
    }

    public String getTransactionIdPrefix() {
        return transactionIdPrefix;
    }

    public void setTransactionIdPrefix(String transactionIdPrefix) {
        this.transactionIdPrefix = transactionIdPrefix;
    }

    public Duration getTransactionTimeout() {
        return transactionTimeout;
    }

    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    @Override
    public String toString() {
        return "PipelineKafkaProperties[schemaRegistryUrl=" + schemaRegistryUrl + ", schemaRegistryUserInfo="
                + (schemaRegistryUserInfo == null || schemaRegistryUserInfo.isBlank() ? "none" : "***")
                + ", transactionIdPrefix=" + transactionIdPrefix + "]";
    }
}
