package dev.flinkspipeline.testkit.spring;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings every Spring service of the pipeline shares, pointed at a test's surroundings: its broker and
 * registry, and the Flinks sandbox with the toolbox credentials.
 */
public final class PipelineSettings {

    private PipelineSettings() {}

    /** Broker and registry; the serializers register schemas, as no deployment step did it on a bare registry. */
    public static Map<String, Object> kafka(PipelineInfrastructure infra) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("spring.kafka.bootstrap-servers", infra.bootstrapServers());
        s.put("pipeline.kafka.schema-registry-url", infra.schemaRegistryUrl());
        s.put("pipeline.kafka.auto-register-schemas", "true");
        return s;
    }

    /** The Flinks API at {@code baseUrl} (a sandbox), with the toolbox customer's credentials. */
    public static Map<String, Object> flinks(String baseUrl) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("flinks.base-url", baseUrl);
        s.put("flinks.customer-id", SandboxConfig.TOOLBOX_CUSTOMER_ID);
        s.put("flinks.secret-key", SandboxConfig.TOOLBOX_SECRET_KEY);
        s.put("flinks.api-key", SandboxConfig.TOOLBOX_API_KEY);
        return s;
    }

    /**
     * Kafka client security (from a secured broker's client properties) as the Spring Boot settings a deployment
     * gives a service: {@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.trust-store-*} and the SASL
     * entries of {@code spring.kafka.properties}.
     */
    public static Map<String, Object> kafkaSecurity(Map<String, Object> client) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("spring.kafka.bootstrap-servers", client.get("bootstrap.servers"));
        s.put("spring.kafka.security.protocol", client.get("security.protocol"));
        s.put("spring.kafka.properties.sasl.mechanism", client.get("sasl.mechanism"));
        s.put("spring.kafka.properties.sasl.jaas.config", client.get("sasl.jaas.config"));
        s.put("spring.kafka.ssl.trust-store-location", "file:" + client.get("ssl.truststore.location"));
        s.put("spring.kafka.ssl.trust-store-password", client.get("ssl.truststore.password"));
        s.put("spring.kafka.ssl.trust-store-type", client.get("ssl.truststore.type"));
        return s;
    }
}
