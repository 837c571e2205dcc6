package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Records that cannot be processed at all go to {@code <topic>.DLT} ({@link Topics#dlt}), keyed as
 * before, with the reason in headers: Spring's {@code kafka_dlt-exception-*} and
 * {@code kafka_dlt-original-*} headers plus {@value #REASON_HEADER} (one readable line). A record that
 * could not be deserialized keeps its exact original bytes.
 */
public final class DeadLetters {

    /** A short readable reason, UTF-8. */
    public static final String REASON_HEADER = "dlt-reason";

    private static final LogAccessor LOG = new LogAccessor(DeadLetters.class);

    /** A consumed record that goes to its dead-letter topic, and why (published in the batch's transaction). */
    public record Letter(ConsumerRecord<?, ?> record, Exception reason) {}

    private DeadLetters() {}

    /** A recoverer publishing through {@code template}; it joins the calling thread's transaction, if any. */
    public static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                template, (record, exception) -> new TopicPartition(Topics.dlt(record.topic()), -1));
        recoverer.setHeadersFunction((record, exception) -> {
            Headers headers = new RecordHeaders();
            headers.add(new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
        return recoverer;
    }

    /** Why a record read through {@link AvroKafka#consumerFactory} could not be deserialized (key or value), if so. */
    public static Optional<DeserializationException> deserializationFailure(ConsumerRecord<?, ?> record) {
        DeserializationException failure = record.value() != null
                ? null
                : SerializationUtils.getExceptionFromHeader(
                        record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (failure == null && record.key() == null) {
            failure = SerializationUtils.getExceptionFromHeader(
                    record, SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER, LOG);
        }
        return Optional.ofNullable(failure);
    }

    private static String reason(Exception exception) {
        Throwable cause = exception;
        while (cause.getCause() != null
                && cause.getCause() != cause
                && !(cause instanceof DeserializationException)
                && !(cause instanceof InvalidRecordException)) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if (cause instanceof DeserializationException && cause.getCause() != null) {
            message = message + ": " + cause.getCause().getMessage();
        }
        String line = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
