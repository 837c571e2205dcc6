package dev.flinkspipeline.registry;

import dev.flinkspipeline.registry.core.RegistryException;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's state lives in Kafka: restarts keep it, Kafka outages surface as 5xx and heal. */
class RegistryPersistenceTest {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static RegistryConfig config(String topic) {
        return RegistryConfig.defaults()
                .withBootstrapServers(kafka.bootstrapServers())
                .withPort(0)
                .withTopic(topic)
                .withKafkaTimeout(Duration.ofSeconds(3));
    }

    @Test
    void restartKeepsIdsVersionsAndConfigAndContinuesNumbering() throws Exception {
        int v1;
        int v2;
        int other;
        try (DevSchemaRegistry first = DevSchemaRegistry.start(config("_schemas"))) {
            RegistryHttp http = new RegistryHttp(first.url());
            v1 = http.register("payments-value", Schemas.PAYMENT_V1);
            v2 = http.register("payments-value", Schemas.PAYMENT_V2);
            other = http.register("other-value", Schemas.record("Other"));
            assertThat(http.put("/config/other-value", Map.of("compatibility", "NONE")).status()).isEqualTo(200);
            assertThat(http.put("/config", Map.of("compatibility", "FULL")).status()).isEqualTo(200);
        }

        try (Admin admin = Admin.create(kafka.clientProperties())) {
            TopicDescription topic = admin.describeTopics(List.of("_schemas")).allTopicNames().get().get("_schemas");
            assertThat(topic.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "_schemas");
            assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }

        try (DevSchemaRegistry second = DevSchemaRegistry.start(config("_schemas"))) {
            RegistryHttp http = new RegistryHttp(second.url());
            assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"other-value\",\"payments-value\"]");
            assertThat(http.get("/subjects/payments-value/versions").body().toString()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/payments-value/versions/1").body().get("id").asInt()).isEqualTo(v1);
            assertThat(http.get("/subjects/payments-value/versions/latest").body().get("id").asInt()).isEqualTo(v2);
            assertThat(http.get("/schemas/ids/" + other).status()).isEqualTo(200);
            assertThat(http.get("/config").body().get("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(http.get("/config/other-value").body().get("compatibilityLevel").asText()).isEqualTo("NONE");

            // Re-registering keeps the old id; a new schema continues after the highest id.
            assertThat(http.register("payments-value", Schemas.PAYMENT_V2)).isEqualTo(v2);
            int next = http.register("fresh-value", Schemas.record("Fresh"));
            assertThat(next).isGreaterThan(Math.max(v1, Math.max(v2, other)));
            assertThat(http.register("other-value", Schemas.PAYMENT_V1)).isEqualTo(v1);
            assertThat(http.get("/subjects/other-value/versions").body().toString()).isEqualTo("[1,2]");
        }
    }

    @Test
    void unreadableRecordsInTheTopicAreSkipped() throws Exception {
        try (DevSchemaRegistry first = DevSchemaRegistry.start(config("_schemas_garbage"))) {
            new RegistryHttp(first.url()).register("kept-value", Schemas.record("Kept"));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("_schemas_garbage", "not json", "{")).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("_schemas_garbage", "{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"version\":1,\"magic\":1}",
                    "{\"id\":5}")).get(10, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>("_schemas_garbage", "{\"keytype\":\"NOOP\",\"magic\":0}", null)).get(10, TimeUnit.SECONDS);
        }
        try (DevSchemaRegistry second = DevSchemaRegistry.start(config("_schemas_garbage"))) {
            RegistryHttp http = new RegistryHttp(second.url());
            assertThat(http.get("/subjects").body().toString()).isEqualTo("[\"kept-value\"]");
            assertThat(http.register("new-value", Schemas.record("New"))).isEqualTo(2);
        }
    }

    @Test
    void aKafkaOutageIsReportedAs5xxAndTheRegistryRecoversWithoutReusingIds() {
        try (DevSchemaRegistry registry = DevSchemaRegistry.start(config("_schemas_outage"))) {
            RegistryHttp http = new RegistryHttp(registry.url());
            int before = http.register("outage-value", Schemas.record("Before"));
            kafka.stop();
            try {
                RegistryHttp.Reply failed = http.post("/subjects/during-value/versions", Map.of("schema", Schemas.record("During")));
                assertThat(failed.status()).isEqualTo(500);
                assertThat(failed.errorCode()).isIn(50001, 50002);
                // Reads are served from memory while Kafka is away.
                assertThat(http.get("/schemas/ids/" + before).status()).isEqualTo(200);
                assertThat(http.get("/health").status()).isEqualTo(503);
            } finally {
                kafka.start();
            }
            int after = http.register("during-value", Schemas.record("During"));
            assertThat(after).isGreaterThan(before);
            assertThat(http.get("/subjects/during-value/versions").body().toString()).isEqualTo("[1]");
            assertThat(http.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void startFailsClearlyWhenKafkaIsUnreachable() {
        RegistryConfig unreachable = config("_schemas").withBootstrapServers("127.0.0.1:1").withKafkaTimeout(Duration.ofSeconds(1));
        assertThatThrownBy(() -> DevSchemaRegistry.start(unreachable))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("_schemas");
    }
}
