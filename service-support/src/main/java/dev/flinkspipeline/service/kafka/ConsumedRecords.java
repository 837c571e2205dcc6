package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.serializer.DeserializationException;

/** What batch listeners read off consumed records. */
public final class ConsumedRecords {

    private ConsumedRecords() {}

    /** The offset of the first record of each partition in {@code batch}, in the batch's order. */
    public static Map<TopicPartition, Long> firstOffsets(List<? extends ConsumerRecord<?, ?>> batch) {
        Map<TopicPartition, Long> firsts = new LinkedHashMap<>();
        for (ConsumerRecord<?, ?> record : batch) {
            firsts.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        return firsts;
    }

    /**
     * Seeks every partition of {@code batch} still assigned back to its first record, so an uncommitted batch is
     * read again; returns the first offset of every partition of the batch.
     */
    public static Map<TopicPartition, Long> rewind(
            List<? extends ConsumerRecord<?, ?>> batch, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> first = firstOffsets(batch);
        Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        return first;
    }

    /**
     * The value of {@code record} as a {@code type}; throws the {@link DeserializationException} of a record that
     * could not be read, or {@link InvalidRecordException} when the value is no {@code type}.
     */
    public static <T> T value(ConsumerRecord<?, ?> record, Class<T> type) {
        DeadLetters.deserializationFailure(record).ifPresent(unreadable -> {
            throw unreadable;
        });
        if (!type.isInstance(record.value())) {
            throw new InvalidRecordException("expected a " + type.getSimpleName() + ", got "
                    + (record.value() == null
                            ? "null"
                            : record.value().getClass().getName()));
        }
        return type.cast(record.value());
    }

    /** The W3C trace context of a consumed record, to continue it on what it causes; null when none. */
    public static String traceparent(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
