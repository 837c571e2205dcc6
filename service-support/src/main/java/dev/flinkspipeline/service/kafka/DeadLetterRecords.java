package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Dead letters as records, for a listener that writes them itself among its transaction's records (rather
 * than through {@link DeadLetters#recoverer}): {@code <topic>.DLT}, keyed as before, the value as it
 * arrived (the raw bytes when it could not be deserialized), the original headers, Spring Kafka's
 * {@code kafka_dlt-*} headers and {@value DeadLetters#REASON_HEADER}.
 */
public final class DeadLetterRecords {

    private static final int MAX_MESSAGE = 1000;

    private final String groupId;

    /** @param groupId the consumer group, written as {@code kafka_dlt-original-consumer-group} */
    public DeadLetterRecords(String groupId) {
        this.groupId = groupId;
    }

    /** The dead letter of a record whose value could not be deserialized. */
    public <K> ProducerRecord<K, Object> undeserializable(ConsumerRecord<K, ?> record,
                                                          DeserializationException failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return letter(record, failure.getData(), cause.getClass().getName(), describe(cause));
    }

    /** The dead letter of a record that deserialized but cannot be processed. */
    public <K> ProducerRecord<K, Object> unprocessable(ConsumerRecord<K, ?> record, String reason) {
        return letter(record, record.value(), IllegalArgumentException.class.getName(), reason);
    }

    private <K> ProducerRecord<K, Object> letter(ConsumerRecord<K, ?> record, Object value, String exceptionClass,
                                                 String message) {
        Headers headers = new RecordHeaders();
        record.headers().forEach(h -> {
            if (!h.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(h);
            }
        });
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().toString()));
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(groupId));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(exceptionClass));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(message));
        headers.add(DeadLetters.REASON_HEADER, utf8(
                exceptionClass.substring(exceptionClass.lastIndexOf('.') + 1) + ": " + message));
        Object payload = value == null ? new byte[0] : value;
        return new ProducerRecord<>(Topics.dlt(record.topic()), null, record.key(), payload, headers);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
