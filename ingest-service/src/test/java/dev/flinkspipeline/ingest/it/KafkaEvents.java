package dev.flinkspipeline.ingest.it;

import static org.assertj.core.api.Assertions.fail;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the service wrote, from the beginning of a topic, as a downstream consumer would. */
public final class KafkaEvents {

    private KafkaEvents() {}

    /** Every Avro record of {@code topic} whose {@code ce_id} is {@code eventId}, waiting for at least one. */
    public static List<ConsumerRecord<String, Object>> avroById(String topic, String eventId) {
        return avro(topic, r -> eventId.equals(header(r, CloudEventHeaders.ID)));
    }

    /** Every Avro record of {@code topic} matching {@code predicate}, waiting for at least one. */
    public static List<ConsumerRecord<String, Object>> avro(
            String topic, Predicate<ConsumerRecord<String, Object>> predicate) {
        Map<String, Object> props = Map.of(
                "schema.registry.url", IngestTestResource.infra().schemaRegistryUrl(), "specific.avro.reader", "true");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(props, false);
        return read(IngestTestResource.infra().bootstrapServers(), topic, values, predicate, Duration.ofSeconds(20));
    }

    /** The single Avro event with this id (fails when there is none or several differing ones). */
    @SuppressWarnings("unchecked")
    public static <T> ConsumerRecord<String, T> oneAvro(String topic, String eventId) {
        List<ConsumerRecord<String, Object>> records = avroById(topic, eventId);
        return (ConsumerRecord<String, T>) (ConsumerRecord<String, ?>) records.get(records.size() - 1);
    }

    /** Raw records of {@code topic} matching {@code predicate}, waiting for at least one. */
    public static List<ConsumerRecord<String, byte[]>> raw(
            String topic, Predicate<ConsumerRecord<String, byte[]>> predicate) {
        return raw(IngestTestResource.infra().bootstrapServers(), topic, predicate);
    }

    /** {@link #raw(String, Predicate)} on the broker at {@code bootstrapServers}. */
    public static List<ConsumerRecord<String, byte[]>> raw(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> predicate) {
        return read(bootstrapServers, topic, new ByteArrayDeserializer(), predicate, Duration.ofSeconds(15));
    }

    /** The sum of the end offsets of the given topics: how many records they hold. */
    public static long recordCount(List<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer =
                consumer(IngestTestResource.infra().bootstrapServers(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            return consumer.endOffsets(partitions, Duration.ofSeconds(10)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <V> List<ConsumerRecord<String, V>> read(
            String bootstrapServers,
            String topic,
            Deserializer<V> values,
            Predicate<ConsumerRecord<String, V>> predicate,
            Duration wait) {
        try (KafkaConsumer<String, V> consumer = consumer(bootstrapServers, values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(10))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> matches = new ArrayList<>();
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (predicate.test(record)) {
                        matches.add(record);
                    }
                }
                boolean caughtUp = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                if (!matches.isEmpty() && caughtUp) {
                    return matches;
                }
                if (caughtUp) {
                    end.putAll(consumer.endOffsets(partitions));
                }
            }
            return fail("no matching record on " + topic + " within " + wait);
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(String bootstrapServers, Deserializer<V> values) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(32 * 1024 * 1024));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(64 * 1024 * 1024));
        return new KafkaConsumer<>(props, new StringDeserializer(), values);
    }
}
