package dev.flinkspipeline.tools.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record as it was read, value undecoded: what is kept of a record that may be written again unchanged.
 *
 * @param at the record's Kafka timestamp
 */
public record RawRecord(
        String topic, int partition, long offset, Instant at, String key, byte[] value, Headers headers) {

    public static RawRecord of(ConsumerRecord<String, byte[]> record) {
        return new RawRecord(
                record.topic(),
                record.partition(),
                record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key(),
                record.value(),
                new RecordHeaders(record.headers().toArray()));
    }

    /** A header as text, or null. */
    public String header(String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
