package dev.flinkspipeline.streams.it;

import static dev.flinkspipeline.streams.Snapshots.account;
import static dev.flinkspipeline.streams.Snapshots.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.streams.Snapshots;
import dev.flinkspipeline.streams.config.KafkaStreamsHealthIndicator;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.SpringService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that is away is not the records' fault: while it is down the application keeps running (its failed
 * stream thread is replaced, nothing is dead-lettered), and once it is back the waiting snapshot is split once.
 */
class RegistryOutageTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    @Test
    void aSnapshotWaitsOutARegistryOutageAndIsSplitOnceItIsBack(@TempDir Path stateDir) throws Exception {
        infra.createTopic(Topics.ACCOUNTS_READY, 1);
        infra.createTopic(Topics.dlt(Topics.ACCOUNTS_READY), 1);
        AccountsReady snapshot = Snapshots.of(
                "5e0d7a4c-0000-4000-8000-000000000003",
                Instant.parse("2026-12-01T10:00:00Z"),
                List.of(account("acc-7", "10", debit("t7", "2026-11-20", "1", "GUM"))));
        Map<String, Object> config = new HashMap<>(infra.clientProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.ACCOUNTS_READY, snapshot.getLoginId(), snapshot))
                    .get();
        }
        infra.registry().stop();

        try (SpringService app = AccountsStreamsService.startIn(
                AccountsStreamsService.app(infra, "accounts-streams-outage"), stateDir)) {
            KafkaStreamsHealthIndicator health = app.context().getBean(KafkaStreamsHealthIndicator.class);
            Thread.sleep(8_000); // long enough for several failed attempts
            assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
            assertThat(readAll(Topics.dlt(Topics.ACCOUNTS_READY), Duration.ofSeconds(1)))
                    .isEmpty();
            assertThat(readAll(Topics.ACCOUNT_STATE, Duration.ofSeconds(1))).isEmpty();

            infra.registry().restart();

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(readAll(Topics.ACCOUNT_STATE, Duration.ofSeconds(1))).hasSize(1);
                assertThat(readAll(Topics.ACCOUNT_TRANSACTIONS, Duration.ofSeconds(1)))
                        .hasSize(1);
            });
            assertThat(readAll(Topics.dlt(Topics.ACCOUNTS_READY), Duration.ofSeconds(1)))
                    .isEmpty();
            assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
        }
    }

    /** Every committed record of the topic, from the start. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, Duration wait) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
