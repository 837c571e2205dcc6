package dev.flinkspipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Smoke checks shared by the in-process and the container variant: Kafka and the registry really work. */
final class InfraChecks {

    static final String SCHEMA =
            "{\"type\":\"record\",\"name\":\"LoginReceived\",\"namespace\":\"dev.flinkspipeline.test\","
                    + "\"fields\":[{\"name\":\"loginId\",\"type\":\"string\"}]}";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static void kafkaRoundTrip(PipelineInfrastructure infra, String topic) throws Exception {
        infra.createTopic(topic, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", infra.bootstrapServers(), "acks", "all"),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "login-1", "received")).get(10, TimeUnit.SECONDS);
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        infra.bootstrapServers(),
                        "group.id",
                        "smoke-" + topic,
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200))
                        .forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
        }
        assertThat(values).containsExactly("received");
    }

    /** Registers {@link #SCHEMA} and returns its id. */
    static int register(PipelineInfrastructure infra, String subject) throws Exception {
        String body = "{\"schema\":" + quote(SCHEMA) + "}";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Integer.parseInt(response.body().replaceAll("\\D", ""));
    }

    static String get(PipelineInfrastructure infra, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private InfraChecks() {}
}
