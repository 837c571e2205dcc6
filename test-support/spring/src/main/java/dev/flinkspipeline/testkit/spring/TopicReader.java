package dev.flinkspipeline.testkit.spring;

import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics from the beginning as a read_committed consumer would (only committed transactions), and
 * keeps everything it saw. Values are Avro events, or raw bytes for {@link #raw}.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, Object> consumer;
    private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();

    private TopicReader(String bootstrap, Deserializer<Object> values, Collection<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Never create a topic by looking at it (it would get the broker's default partition count).
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            while ((infos == null || infos.isEmpty()) && System.nanoTime() < end) {
                infos = consumer.partitionsFor(topic);
            }
            infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static TopicReader avro(String bootstrap, String registryUrl, String... topics) {
        AvroDeserializer avro = AvroDeserializer.create(
                Map.of("schema.registry.url", registryUrl, "specific.avro.reader", true), false);
        // Poison records (written by the tests on purpose) are kept as their raw bytes.
        Deserializer<Object> values = (topic, bytes) -> {
            try {
                return avro.deserialize(topic, bytes);
            } catch (RuntimeException e) {
                return bytes;
            }
        };
        return new TopicReader(bootstrap, values, List.of(topics));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static TopicReader raw(String bootstrap, String... topics) {
        return new TopicReader(bootstrap, (Deserializer) new ByteArrayDeserializer(), List.of(topics));
    }

    /** Everything read so far (after reading what is there now). */
    public synchronized List<ConsumerRecord<String, Object>> records() {
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        return List.copyOf(seen);
    }

    /** What one poll brings beyond what was read before. */
    public synchronized List<ConsumerRecord<String, Object>> drainNew() {
        List<ConsumerRecord<String, Object>> fresh = new ArrayList<>();
        consumer.poll(Duration.ofMillis(100)).forEach(fresh::add);
        seen.addAll(fresh);
        return fresh;
    }

    /** Everything committed up to now: reads until two polls in a row bring nothing new. */
    public synchronized List<ConsumerRecord<String, Object>> drain() {
        int empty = 0;
        while (empty < 2) {
            int before = seen.size();
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            empty = seen.size() == before ? empty + 1 : 0;
        }
        return List.copyOf(seen);
    }

    /** Values of the given type committed up to now. */
    public <T> List<T> values(Class<T> type) {
        return drain().stream()
                .map(ConsumerRecord::value)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** Reads until {@code done} holds for what was read, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, Object>> until(
            Predicate<List<ConsumerRecord<String, Object>>> done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, Object>> now = records();
        while (!done.test(now)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + timeout + "; read " + now.size() + " records");
            }
            now = records();
        }
        return now;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
