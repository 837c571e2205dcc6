package dev.flinkspipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/** The shared Kafka wiring against a real broker and registry. */
class AvroKafkaTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static DefaultKafkaProducerFactory<Object, Object> producerFactory;
    private static KafkaTemplate<Object, Object> template;

    @BeforeAll
    static void clients() {
        PipelineKafkaProperties properties = PipelineKafkaProperties.ofRegistry(infra.schemaRegistryUrl());
        Map<String, Object> serde = AvroKafka.serdeConfig(properties);
        producerFactory = AvroKafka.transactionalProducerFactory(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                serde,
                SchemaRegistryClient.fromConfig(serde),
                "avro-kafka-test-",
                10_000);
        template = AvroKafka.template(producerFactory);
    }

    @AfterAll
    static void close() {
        producerFactory.destroy();
    }

    @Test
    void eventsRoundTripPoisonGoesToTheDeadLetterTopicWithItsBytesAndAbortedWritesStayInvisible() {
        String topic = "avro-kafka-test.in";
        infra.createTopic(topic, 1, Map.of());
        infra.createTopic(Topics.dlt(topic), 1, Map.of());
        LoginReceived login = LoginReceived.newBuilder()
                .setEventId("e-1")
                .setLoginId("login-1")
                .setInstitution("FlinksCapital")
                .setVia(LoginSource.API)
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();

        template.executeInTransaction(ops -> ops.send(topic, "login-1", login));
        assertThatThrownBy(() -> template.executeInTransaction(ops -> {
                    ops.send(topic, "login-aborted", login);
                    throw new IllegalStateException("abort");
                }))
                .isInstanceOf(IllegalStateException.class);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, "login-2", garbage));
        }

        PipelineKafkaProperties properties = PipelineKafkaProperties.ofRegistry(infra.schemaRegistryUrl());
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        infra.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "avro-kafka-test"),
                AvroKafka.serdeConfig(properties),
                SchemaRegistryClient.fromConfig(AvroKafka.serdeConfig(properties)));
        List<ConsumerRecord<Object, Object>> records = new ArrayList<>();
        try (Consumer<Object, Object> consumer = consumers.createConsumer()) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < 2 && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(2);
        assertThat(records.get(0).key()).isEqualTo("login-1");
        assertThat(records.get(0).value()).isEqualTo(login);
        assertThat(DeadLetters.deserializationFailure(records.get(0))).isEmpty();
        ConsumerRecord<Object, Object> poison = records.get(1);
        DeserializationException failure =
                DeadLetters.deserializationFailure(poison).orElseThrow();

        DeadLetterPublishingRecoverer recoverer = DeadLetters.recoverer(template);
        template.executeInTransaction(ops -> {
            recoverer.accept(poison, failure);
            return null;
        });

        Properties dltConfig = new Properties();
        dltConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        dltConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "avro-kafka-test-dlt");
        dltConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        dltConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(dltConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.dlt(topic)));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (dead.isEmpty() && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
            }
        }
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, byte[]> letter = dead.get(0);
        assertThat(letter.key()).isEqualTo("login-2");
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(new String(
                        letter.headers().lastHeader(DeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .startsWith("DeserializationException");
        assertThat(new String(
                        letter.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(topic);
    }
}
