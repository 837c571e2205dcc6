package dev.flinkspipeline.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.testkit.PipelineInfra;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicScanTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Instant NOW = Instant.now();

    @Test
    void readsCommittedRecordsFromAnInstantToTheEndItFound() {
        try (TopicsForTest kafka = new TopicsForTest(infra)) {
            String topic = kafka.topic("scan");
            kafka.raw(topic, "k", bytes("three hours ago"), new RecordHeaders(), NOW.minus(Duration.ofHours(3)));
            kafka.raw(topic, "k", bytes("one hour ago"), new RecordHeaders(), NOW.minus(Duration.ofHours(1)));
            kafka.raw(topic, "k", bytes("now"), new RecordHeaders(), NOW);
            abortedTransaction(topic);

            assertThat(values(kafka, topic, null)).containsExactly("three hours ago", "one hour ago", "now");
            assertThat(values(kafka, topic, NOW.minus(Duration.ofHours(2)))).containsExactly("one hour ago", "now");
            assertThat(values(kafka, topic, NOW.plusSeconds(60))).isEmpty();

            // Records written while a read goes on (e.g. by the command itself) are not read back.
            List<String> read = new ArrayList<>();
            try (TopicScan scan = new TopicScan(kafka.settings())) {
                scan.read(topic, null, r -> {
                    read.add(text(r));
                    if (read.size() == 1) {
                        kafka.raw(topic, "k", bytes("written during the read"), new RecordHeaders(), Instant.now());
                    }
                });
            }
            assertThat(read).containsExactly("three hours ago", "one hour ago", "now");

            try (TopicScan scan = new TopicScan(kafka.settings())) {
                assertThatThrownBy(() -> scan.read("no-such-topic-" + NOW.toEpochMilli(), null, r -> {}))
                        .hasMessageContaining("no topic");
            }
        }
    }

    private static void abortedTransaction(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scan-test-" + System.nanoTime());
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", bytes("aborted")));
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static List<String> values(TopicsForTest kafka, String topic, Instant from) {
        List<String> values = new ArrayList<>();
        try (TopicScan scan = new TopicScan(kafka.settings())) {
            scan.read(topic, from, r -> values.add(text(r)));
        }
        return values;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
