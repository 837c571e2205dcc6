package dev.flinkspipeline.ingest.kafka;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One record to write: key = loginId, value = an Avro event or raw bytes, CloudEvents headers.
 *
 * @param type    the event type for metrics and logs, e.g. {@code AccountsReady}
 * @param eventId the event's id ({@code ce_id})
 */
public record OutgoingRecord(String type, String eventId, ProducerRecord<String, Object> record) {

    /** Header of raw webhooks: the {@code ResponseType} Flinks sent. */
    public static final String RESPONSE_TYPE_HEADER = "ResponseType";
    /** Header of raw webhooks: the eventId derived from the body. */
    public static final String EVENT_ID_HEADER = "eventId";
    /** Header of raw webhooks: why nothing maps it, a short stable code (e.g. {@code unknown-type}). */
    public static final String UNHANDLED_REASON_HEADER = "unhandled-reason";
    /** Header of raw webhooks: what is wrong, naming the JSON path (never a value). */
    public static final String UNHANDLED_DETAIL_HEADER = "unhandled-detail";

    public static final String JSON_CONTENT_TYPE = "application/json";

    /** An Avro event; its {@code eventId} field becomes {@code ce_id}. */
    public static OutgoingRecord event(
            String topic, String loginId, SpecificRecord event, String source, Instant time) {
        CloudEventHeaders ce = CloudEventHeaders.forEvent(event, source, time);
        RecordHeaders headers = new RecordHeaders();
        ce.writeTo(headers);
        return new OutgoingRecord(
                event.getSchema().getName(), ce.id(), new ProducerRecord<>(topic, null, loginId, event, headers));
    }

    /**
     * This record with {@code value}, its value already encoded by {@link EventPublisher#encode}: the producer
     * writes such bytes unchanged (same topic, key and headers).
     */
    public OutgoingRecord encodedAs(byte[] value) {
        Objects.requireNonNull(value, "value");
        return new OutgoingRecord(
                type,
                eventId,
                new ProducerRecord<>(
                        record.topic(), record.partition(), record.timestamp(), record.key(), value, record.headers()));
    }

    /**
     * A webhook kept as received (its exact bytes, normally JSON), for payloads no event models.
     *
     * @param loginIdOrNull key; null when the payload names no login
     * @param responseType  Flinks' {@code ResponseType}, or null
     * @param reason        why nothing maps it (short code)
     * @param detail        what is wrong, naming the JSON path
     */
    public static OutgoingRecord rawWebhook(
            String topic,
            String loginIdOrNull,
            byte[] body,
            String type,
            String eventId,
            String responseType,
            String reason,
            String detail,
            String source,
            Instant time) {
        Objects.requireNonNull(body, "body");
        RecordHeaders headers = new RecordHeaders();
        new CloudEventHeaders(eventId, CloudEventHeaders.typeOf(type), source, time, null).writeTo(headers);
        headers.remove(CloudEventHeaders.CONTENT_TYPE);
        headers.add(CloudEventHeaders.CONTENT_TYPE, JSON_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
        if (responseType != null) {
            headers.add(RESPONSE_TYPE_HEADER, responseType.getBytes(StandardCharsets.UTF_8));
        }
        headers.add(UNHANDLED_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(UNHANDLED_DETAIL_HEADER, detail.getBytes(StandardCharsets.UTF_8));
        return new OutgoingRecord(type, eventId, new ProducerRecord<>(topic, null, loginIdOrNull, body, headers));
    }
}
