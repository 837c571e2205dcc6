package dev.flinkspipeline.ingest.kafka;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One value serializer for both kinds of records of the single producer: Avro events go to the
 * configured Avro serializer (Confluent wire format through the schema registry); {@code byte[]} values
 * (raw webhooks) are written unchanged. One producer keeps one idempotent session and one set of
 * connections for everything this service writes.
 */
public final class EventValueSerializer implements Serializer<Object> {

    private final Serializer<Object> avro;

    public EventValueSerializer(Serializer<Object> avro) {
        this.avro = avro;
    }

    /** The serializer of Avro events. */
    public Serializer<Object> avro() {
        return avro;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        avro.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return data instanceof byte[] raw ? raw : avro.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return data instanceof byte[] raw ? raw : avro.serialize(topic, headers, data);
    }

    @Override
    public void close() {
        avro.close();
    }
}
