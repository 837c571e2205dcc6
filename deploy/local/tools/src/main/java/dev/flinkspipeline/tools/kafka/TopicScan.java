package dev.flinkspipeline.tools.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic holds, committed records only, without a consumer group (it leaves no trace on the
 * cluster). A read stops at the end the topic had when it began, so records written meanwhile, e.g. by the
 * command itself, are not read back.
 */
public final class TopicScan implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<String, byte[]> consumer;

    public TopicScan(ClientSettings settings) {
        this.consumer = new KafkaConsumer<>(settings.consumer(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Hands every committed record of {@code topic} written at or after {@code fromOrNull} (by Kafka
     * timestamp; null: from the beginning) to {@code sink}, each partition in offset order.
     *
     * @return how many records were read
     * @throws IllegalArgumentException when the topic does not exist
     */
    public long read(String topic, Instant fromOrNull, Consumer<ConsumerRecord<String, byte[]>> sink) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("no topic '" + topic + "' on the cluster");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        seekStart(partitions, end, fromOrNull);
        long read = 0;
        while (!caughtUp(partitions, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    sink.accept(record);
                    read++;
                }
            }
        }
        consumer.unsubscribe();
        return read;
    }

    private void seekStart(List<TopicPartition> partitions, Map<TopicPartition, Long> end, Instant fromOrNull) {
        if (fromOrNull == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, fromOrNull.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, TIMEOUT);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            consumer.seek(tp, at == null ? end.get(tp) : at.offset());
        }
    }

    private boolean caughtUp(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp, TIMEOUT) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
