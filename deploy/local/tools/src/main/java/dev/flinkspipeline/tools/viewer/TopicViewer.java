package dev.flinkspipeline.tools.viewer;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A console consumer with Avro decoding, for people exploring the pipeline's data: reads one or more topics
 * from the beginning (without a consumer group, so it leaves no trace on the cluster), prints each record's
 * position, key, CloudEvents type and id, and its value as JSON; optionally only one customer's records.
 */
public final class TopicViewer implements AutoCloseable {

    /** What to show. {@code loginId} null = every record; {@code max} 0 = no limit. */
    public record Options(List<String> topics, String loginId, boolean follow, boolean compact, int max) {
        public Options {
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no topic given");
            }
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer avro;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public TopicViewer(String bootstrapServers, String registryUrl) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.avro = AvroDeserializer.create(
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        registryUrl,
                        AvroSerdeConfig.AVRO_USE_LOGICAL_TYPE_CONVERTERS,
                        true),
                false);
    }

    /**
     * Every topic on the cluster with its end minus start offsets (its records, plus the commit markers of
     * transactional producers), internal ones excluded.
     */
    public Map<String, Long> listTopics() {
        Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(10));
        Map<String, Long> counts = new TreeMap<>();
        all.forEach((topic, partitions) -> {
            if (topic.startsWith("__")) {
                return;
            }
            List<TopicPartition> tps = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, Duration.ofSeconds(10));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, Duration.ofSeconds(10));
            counts.put(
                    topic,
                    tps.stream().mapToLong(tp -> end.get(tp) - begin.get(tp)).sum());
        });
        return counts;
    }

    /** Prints matching records to {@code out}; returns how many were printed. */
    public int show(Options options, PrintStream out) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<String, List<PartitionInfo>> known = consumer.listTopics(Duration.ofSeconds(10));
        for (String topic : options.topics()) {
            List<PartitionInfo> infos = known.get(topic);
            if (infos == null) {
                throw new IllegalArgumentException("no topic '" + topic + "' on the cluster; known pipeline topics: "
                        + String.join(", ", Topics.ALL));
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        // What is already there is printed in time order (a customer's story reads top to bottom across
        // topics); in --follow mode, later records are printed as they arrive.
        List<ConsumerRecord<String, byte[]>> backlog = new ArrayList<>();
        int shown = 0;
        try {
            while (!stopped.get() && !caughtUp(partitions, end)) {
                consumer.poll(Duration.ofMillis(500)).forEach(backlog::add);
            }
            backlog.sort(Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp())
                    .thenComparing(ConsumerRecord::topic)
                    .thenComparingLong(ConsumerRecord::offset));
            for (ConsumerRecord<String, byte[]> record : backlog) {
                if (print(record, options, out) && ++shown == options.max()) {
                    return shown;
                }
            }
            while (options.follow() && !stopped.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (print(record, options, out) && ++shown == options.max()) {
                        return shown;
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() from another thread
        }
        return shown;
    }

    /** Makes a running {@link #show} return (from another thread, e.g. a Ctrl-C hook). */
    public void stop() {
        stopped.set(true);
        consumer.wakeup();
    }

    private boolean caughtUp(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private boolean print(ConsumerRecord<String, byte[]> record, Options options, PrintStream out) {
        Object value = decode(record);
        if (options.loginId() != null && !matches(record.key(), value, options.loginId())) {
            return false;
        }
        String type = header(record, "ce_type");
        String id = header(record, "ce_id");
        String headline = String.format(
                "%s[%d]@%d  %s  key=%s%s%s",
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                type == null ? "" : "  " + type.substring(type.lastIndexOf('.') + 1),
                id == null ? "" : "  id=" + id);
        String reason = header(record, "kafka_dlt-exception-message");
        if (reason != null) {
            headline += "  dlt-reason=" + reason;
        }
        String body;
        if (value instanceof byte[] raw) {
            body = EventJson.raw(raw, options.compact());
        } else if (value instanceof DecodeFailure failure) {
            body = "(cannot decode: " + failure.message() + ")";
        } else {
            body = options.compact() ? EventJson.compact(value) : EventJson.pretty(value);
        }
        out.println(options.compact() ? headline + "  " + body : headline + System.lineSeparator() + body);
        return true;
    }

    private record DecodeFailure(String message) {}

    /** Avro (Confluent wire format) when the value starts with the magic byte, else the raw bytes. */
    private Object decode(ConsumerRecord<String, byte[]> record) {
        byte[] bytes = record.value();
        if (bytes == null) {
            return null;
        }
        if (bytes.length < 5 || bytes[0] != 0) {
            return bytes;
        }
        try {
            return avro.deserialize(record.topic(), record.headers(), bytes);
        } catch (RuntimeException e) {
            return new DecodeFailure(e.getMessage());
        }
    }

    static boolean matches(String key, Object value, String loginId) {
        if (loginId.equals(key)) {
            return true;
        }
        if (value instanceof IndexedRecord record && record.getSchema().getField("loginId") != null) {
            return Objects.equals(
                    String.valueOf(
                            record.get(record.getSchema().getField("loginId").pos())),
                    loginId);
        }
        if (value instanceof byte[] raw) {
            return new String(raw, StandardCharsets.UTF_8).contains(loginId);
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
        avro.close();
    }
}
