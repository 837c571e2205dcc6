package dev.flinkspipeline.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBrokerTest {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void producesAndConsumesThroughAConsumerGroup() throws Exception {
        kafka.createTopic("greetings", 3);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("greetings", "login-" + i, "hello " + i))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        List<ConsumerRecord<String, String>> received = consume("greetings", 5);
        assertThat(received)
                .extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("hello 0", "hello 1", "hello 2", "hello 3", "hello 4");
        assertThat(kafka.dataDirectory()).exists();
        assertThat(kafka.dataDirectory().toString()).contains("target");
    }

    @Test
    void createsTopicsWithConfigsAndAutoCreatesOnFirstUse() throws Exception {
        kafka.createTopic("compacted", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("compacted", 1, Map.of("cleanup.policy", "compact")); // existing topic is fine
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            ConfigEntry policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("auto-created", "k", "v"))
                    .get(10, TimeUnit.SECONDS);
            assertThat(metadata.topic()).isEqualTo("auto-created");
        }
    }

    @Test
    void acceptsLargeRecords() throws Exception {
        String big = "x".repeat(3 * 1024 * 1024);
        try (KafkaProducer<String, String> producer =
                producer(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024))) {
            RecordMetadata metadata =
                    producer.send(new ProducerRecord<>("large", "k", big)).get(10, TimeUnit.SECONDS);
            assertThat(metadata.serializedValueSize()).isEqualTo(big.length());
        }
    }

    @Test
    void stopTakesTheBrokerDownAndStartBringsItBackOnTheSamePortWithItsData() throws Exception {
        kafka.createTopic("outage", 1);
        String before = kafka.bootstrapServers();
        Map<String, Object> shortTimeouts = Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_500,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (KafkaProducer<String, String> producer = producer(shortTimeouts)) {
            producer.send(new ProducerRecord<>("outage", "k", "before")).get(10, TimeUnit.SECONDS);

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("outage", "k", "during"))
                            .get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);

            kafka.start();
            assertThat(kafka.isRunning()).isTrue();
            assertThat(kafka.bootstrapServers()).isEqualTo(before);
            // The same producer (same bootstrap address) gets through again once the broker is back.
            producer.send(new ProducerRecord<>("outage", "k", "after")).get(20, TimeUnit.SECONDS);
        }
        assertThat(consume("outage", 2)).extracting(ConsumerRecord::value).containsExactly("before", "after");
        assertThat(Files.isDirectory(kafka.dataDirectory())).isTrue();
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Map<String, Object> config = new HashMap<>(kafka.clientProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }
}
