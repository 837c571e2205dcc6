package dev.flinkspipeline.poller.it;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kafka client security settings as the Spring Boot settings a deployment gives the service: {@code
 * spring.kafka.security.protocol}, {@code spring.kafka.ssl.trust-store-*} and the SASL entries of {@code
 * spring.kafka.properties}.
 */
final class SpringKafkaSecurity {

    private SpringKafkaSecurity() {}

    static Map<String, Object> settings(Map<String, Object> client) {
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
