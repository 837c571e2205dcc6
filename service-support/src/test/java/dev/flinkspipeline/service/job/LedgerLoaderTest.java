package dev.flinkspipeline.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Loading a ledger from its topic against a real broker: committed entries only, tombstones, partitions. */
class LedgerLoaderTest {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<Object> bytes() {
        return (Deserializer) new ByteArrayDeserializer();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void loadsCommittedEntriesOfAssignedInputPartitionsAndForgetsRevokedOnes() {
        kafka.createTopic("input", 2);
        kafka.createTopic("ledger", 2, Map.of("cleanup.policy", "compact"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "ledger-loader-test"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger", 0, "a", utf8("1")));
            producer.send(new ProducerRecord<>("ledger", 0, "a", utf8("2")));
            producer.send(new ProducerRecord<>("ledger", 1, "c", utf8("3")));
            producer.send(new ProducerRecord<>("ledger", 1, "c", null));
            producer.send(new ProducerRecord<>("ledger", 1, "d", utf8("skip")));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("ledger", 0, "aborted", utf8("4")));
            producer.flush();
            producer.abortTransaction();
        }
        PartitionLedger<Integer> ledger = new PartitionLedger<>();
        LedgerLoader<Integer> loader = new LedgerLoader<>(
                "input",
                "ledger",
                ledger,
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "ignored"),
                LedgerLoaderTest::bytes,
                (key, value) -> "skip".equals(new String((byte[]) value, StandardCharsets.UTF_8))
                        ? null
                        : Integer.valueOf(new String((byte[]) value, StandardCharsets.UTF_8)),
                Duration.ofSeconds(20),
                "ledger-loader-test");

        loader.onPartitionsAssigned(
                null,
                List.of(
                        new TopicPartition("input", 0),
                        new TopicPartition("input", 1),
                        new TopicPartition("other", 0)));

        assertThat(ledger.get(0, "a")).isEqualTo(2);
        assertThat(ledger.contains(0, "aborted")).isFalse();
        assertThat(ledger.contains(1, "c")).isFalse();
        assertThat(ledger.contains(1, "d")).isFalse();
        assertThat(ledger.size()).isEqualTo(1);

        LedgerLoader<Integer> missing = new LedgerLoader<>(
                "input",
                "no-such-ledger",
                ledger,
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                LedgerLoaderTest::bytes,
                (key, value) -> 1,
                Duration.ofSeconds(20),
                "ledger-loader-test");
        assertThat(missing.load(0)).isEmpty();

        ledger.put(1, "e", 5);
        assertThat(ledger.removeIf(v -> v > 4)).isEqualTo(1);
        loader.onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition("input", 0)));
        assertThat(ledger.size(0)).isZero();
    }
}
