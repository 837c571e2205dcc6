package dev.flinkspipeline.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes of a record, in the Kafka protocol binding's binary mode: {@code ce_*}
 * headers next to the Avro value, plus W3C {@code traceparent} when the event continues a trace.
 *
 * @param id          {@code ce_id}: the event's eventId
 * @param type        {@code ce_type}, e.g. {@code dev.flinkspipeline.AccountsReady}
 * @param source      {@code ce_source}: a URI reference naming the producer, e.g. {@code /flinks-pipeline/poller}
 * @param time        {@code ce_time}, written as RFC 3339 in UTC
 * @param traceparent W3C trace context, or null
 */
public record CloudEventHeaders(String id, String type, String source, Instant time, String traceparent) {

    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String AVRO_CONTENT_TYPE = "application/avro";
    /** Prefix of {@code ce_type}: followed by the Avro record name. */
    public static final String TYPE_PREFIX = "dev.flinkspipeline.";

    public CloudEventHeaders {
        requireText(id, ID);
        requireText(type, TYPE);
        requireText(source, SOURCE);
        Objects.requireNonNull(time, TIME);
        if (traceparent != null && traceparent.isBlank()) {
            traceparent = null;
        }
    }

    /** Headers of an event record: id from its {@code eventId} field, type from its Avro name. */
    public static CloudEventHeaders forEvent(SpecificRecord event, String source, Instant time) {
        Objects.requireNonNull(event, "event");
        if (event.getSchema().getField("eventId") == null) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " has no eventId field");
        }
        Object eventId = event.get(event.getSchema().getField("eventId").pos());
        return new CloudEventHeaders(
                eventId == null ? null : eventId.toString(),
                typeOf(event.getSchema().getName()),
                source,
                time,
                null);
    }

    /** {@code ce_type} of the event named {@code recordName}, e.g. {@code dev.flinkspipeline.AccountsReady}. */
    public static String typeOf(String recordName) {
        return TYPE_PREFIX + recordName;
    }

    public CloudEventHeaders withTraceparent(String traceparent) {
        return new CloudEventHeaders(id, type, source, time, traceparent);
    }

    /** Writes the headers into {@code headers}, replacing earlier values of the same keys. */
    public Headers writeTo(Headers headers) {
        put(headers, SPECVERSION, SPEC_VERSION_1_0);
        put(headers, ID, id);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        put(headers, CONTENT_TYPE, AVRO_CONTENT_TYPE);
        if (traceparent != null) {
            put(headers, TRACEPARENT, traceparent);
        } else {
            headers.remove(TRACEPARENT);
        }
        return headers;
    }

    /**
     * The CloudEvents attributes of a record; empty when it carries no {@code ce_specversion} (not a
     * CloudEvent).
     *
     * @throws IllegalArgumentException when the record claims to be a CloudEvent but a required
     *         attribute is missing or malformed (the message names the header)
     */
    public static Optional<CloudEventHeaders> read(Headers headers) {
        String specVersion = text(headers, SPECVERSION);
        if (specVersion == null) {
            return Optional.empty();
        }
        if (!SPEC_VERSION_1_0.equals(specVersion)) {
            throw new IllegalArgumentException("unsupported " + SPECVERSION + ": " + specVersion);
        }
        String time = required(headers, TIME);
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(time, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(TIME + " is not an RFC 3339 timestamp: " + time, e);
        }
        return Optional.of(new CloudEventHeaders(
                required(headers, ID),
                required(headers, TYPE),
                required(headers, SOURCE),
                instant,
                text(headers, TRACEPARENT)));
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String key) {
        String value = text(headers, key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent header " + key + " is missing");
        }
        return value;
    }

    private static String text(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
