package dev.flinkspipeline.registry;

import dev.flinkspipeline.registry.core.CompatibilityLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryConfigTest {

    @Test
    void defaultsMatchConfluentConventions() {
        RegistryConfig config = RegistryConfig.from(Map.of(), new Properties());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.topic()).isEqualTo("_schemas");
        assertThat(config.defaultCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void readsEnvironmentAndLetsSystemPropertiesWin() {
        Properties properties = new Properties();
        properties.setProperty("registry.port", "18081");
        properties.setProperty("registry.kafkastore.client.rack", "r1");
        RegistryConfig config = RegistryConfig.from(Map.of(
                "REGISTRY_PORT", "9999",
                "REGISTRY_HOST", "0.0.0.0",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "REGISTRY_TOPIC", "_dev_schemas",
                "REGISTRY_COMPATIBILITY", "full_transitive",
                "REGISTRY_KAFKA_TIMEOUT_MS", "5000",
                "REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_SSL",
                "REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG", "secret-jaas"), properties);
        assertThat(config.port()).isEqualTo(18081);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.topic()).isEqualTo("_dev_schemas");
        assertThat(config.defaultCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", "secret-jaas").containsEntry("client.rack", "r1");
        assertThat(config.toString()).doesNotContain("secret-jaas").contains("sasl.jaas.config");
    }

    @Test
    void rejectsNonsenseWithTheVariableName() {
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("REGISTRY_PORT", "eighty"), new Properties()))
                .hasMessageContaining("REGISTRY_PORT");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("REGISTRY_PORT", "70000"), new Properties()))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> RegistryConfig.from(Map.of("REGISTRY_COMPATIBILITY", "SOMETIMES"), new Properties()))
                .hasMessageContaining("REGISTRY_COMPATIBILITY");
        assertThatThrownBy(() -> RegistryConfig.defaults().withKafkaTimeout(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
