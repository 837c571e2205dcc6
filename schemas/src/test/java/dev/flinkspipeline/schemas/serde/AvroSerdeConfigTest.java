package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void defaultsAreConfluents() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", "http://127.0.0.1:8081"));
        assertThat(config.registryUrls()).containsExactly(URI.create("http://127.0.0.1:8081"));
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isFalse();
        assertThat(config.useLogicalTypeConverters()).isFalse();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.basicUserInfo()).isNull();
        assertThat(config.latestCacheTtl()).isNull();
    }

    @Test
    void readsStringsAndTypedValues() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of(
                "schema.registry.url",
                " http://a:1 , https://b:2/ ",
                "auto.register.schemas",
                "false",
                "use.latest.version",
                true,
                "specific.avro.reader",
                "TRUE",
                "schema.registry.request.timeout.ms",
                2500,
                "latest.cache.ttl.sec",
                "60",
                "basic.auth.credentials.source",
                "USER_INFO",
                "basic.auth.user.info",
                "svc:s3cret"));
        assertThat(config.registryUrls()).containsExactly(URI.create("http://a:1"), URI.create("https://b:2/"));
        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.latestCacheTtl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.basicUserInfo()).isEqualTo("svc:s3cret");
    }

    @Test
    void clearErrorsThatNeverEchoSecrets() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()).registryUrls())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url is required");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "ftp://x")).registryUrls())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not a valid http(s) URL");
        assertThatThrownBy(
                        () -> new AvroSerdeConfig(Map.of("schema.registry.url", "http://u:topsecret@")).registryUrls())
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("auto.register.schemas", "yes")).autoRegisterSchemas())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of(
                                "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "nocolonsecret"))
                        .basicUserInfo())
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("nocolonsecret");
        assertThatThrownBy(() ->
                        new AvroSerdeConfig(Map.of("basic.auth.credentials.source", "SASL_INHERIT")).basicUserInfo())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("USER_INFO, URL");
    }
}
