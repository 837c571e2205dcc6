package dev.flinkspipeline.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "ignored");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Instant[] now = {start};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        // An entry n was processed n hours after the start; entries are forgotten after 3 hours.
        IdempotencyLedger<Integer> ledger = new IdempotencyLedger<>(
                "ledger",
                n -> utf8(n.toString()),
                (key, value) -> "skip".equals(new String((byte[]) value, StandardCharsets.UTF_8))
                        ? null
                        : Integer.valueOf(new String((byte[]) value, StandardCharsets.UTF_8)),
                n -> start.plus(Duration.ofHours(n)),
                Duration.ofHours(3),
                clock);
        IdempotencyLedger.Loader<Integer> loader =
                ledger.loader("input", config, null, Duration.ofSeconds(20), "ledger-loader-test");

        loader.onPartitionsAssigned(
                null,
                List.of(
                        new TopicPartition("input", 0),
                        new TopicPartition("input", 1),
                        new TopicPartition("other", 0)));

        assertThat(ledger.processed(0, "a")).isEqualTo(2);
        assertThat(ledger.processed(0, "aborted")).isNull();
        assertThat(ledger.processed(1, "c")).isNull();
        assertThat(ledger.processed(1, "d")).isNull();
        assertThat(ledger.size()).isEqualTo(1);

        IdempotencyLedger<Integer> missingLedger =
                new IdempotencyLedger<>("no-such-ledger", n -> n, (key, value) -> 1, null, null, clock);
        IdempotencyLedger.Loader<Integer> missing = missingLedger.loader(
                "input",
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        false),
                LedgerLoaderTest::bytes,
                Duration.ofSeconds(20),
                "ledger-loader-test");
        assertThat(missing.load(0)).isEmpty();

        // Expired entries (processed more than 3 h ago) are forgotten in every partition at the next prune.
        now[0] = now[0].plus(Duration.ofMinutes(2));
        ledger.committed(1, "e", -5);
        assertThat(ledger.processed(1, "e")).isNull();
        assertThat(ledger.processed(0, "a")).isEqualTo(2);
        loader.onPartitionsRevokedBeforeCommit(null, List.of(new TopicPartition("input", 0)));
        assertThat(ledger.processed(0, "a")).isNull();
        assertThat(ledger.size()).isZero();
    }
}
