package dev.flinkspipeline.testkit.spring;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.testkit.PipelineInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events as an upstream service does (string key, Avro value through the registry, acks=all), and raw
 * bytes such as poison records. Each send waits until the broker acknowledged it.
 */
public final class AvroProducer implements AutoCloseable {

    private final KafkaProducer<String, Object> avro;
    private final KafkaProducer<String, byte[]> raw;
    private final AvroSerializer serializer;

    /** @param client client settings: bootstrap servers, and security on a secured broker */
    public AvroProducer(Map<String, Object> client, String registryUrl) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        Map<String, Object> serde = Map.of("schema.registry.url", registryUrl);
        serializer = AvroSerializer.create(serde, false);
        avro = new KafkaProducer<>(config, new StringSerializer(), AvroSerializer.create(serde, false));
        raw = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    public static AvroProducer to(PipelineInfrastructure infra) {
        return new AvroProducer(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()), infra.schemaRegistryUrl());
    }

    public void send(String topic, String key, Object event) {
        send(new ProducerRecord<>(topic, key, event));
    }

    /** {@code event} with a W3C {@code traceparent} header, as an upstream service writes it. */
    public void sendTraced(String topic, String key, Object event, String traceparent) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, event);
        record.headers().add(CloudEventHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        send(record);
    }

    /** The bytes {@code event} has on {@code topic}. */
    public byte[] serialize(String topic, Object event) {
        return serializer.serialize(topic, event);
    }

    public void sendRaw(String topic, String key, byte[] value) {
        try {
            raw.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    private void send(ProducerRecord<String, Object> record) {
        try {
            avro.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        avro.close();
        raw.close();
    }
}
