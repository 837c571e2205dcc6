package dev.flinkspipeline.tools.kafka;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' side of Kafka: fresh topics per test (so tests never see each other's records), records written
 * as the services write them (Avro in the Confluent wire format, CloudEvents headers, key loginId) at chosen
 * Kafka timestamps, and everything a topic holds read back.
 */
public final class TopicsForTest implements AutoCloseable {

    private static final AtomicInteger TESTS = new AtomicInteger();

    private final PipelineInfra infra;
    private final ClientSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerializer avro;
    private final AvroDeserializer decoder;
    private final String prefix = "t" + TESTS.incrementAndGet() + "-";

    public TopicsForTest(PipelineInfra infra) {
        this.infra = infra;
        this.settings = ClientSettings.of(infra.bootstrapServers(), infra.schemaRegistryUrl());
        this.producer = new KafkaProducer<>(settings.producer(), new StringSerializer(), new ByteArraySerializer());
        this.avro = AvroSerializer.create(settings.serde(true), false);
        this.decoder = AvroDeserializer.create(settings.serde(true), false);
    }

    public ClientSettings settings() {
        return settings;
    }

    /** A new topic of this test, named after {@code name}, with 3 partitions like the local stack's. */
    public String topic(String name) {
        String topic = prefix + name;
        infra.createTopic(topic, 3);
        return topic;
    }

    /** An event as a service writes it, at Kafka timestamp {@code at}. */
    public void event(String topic, String loginId, SpecificRecord event, Instant at) {
        Headers headers = CloudEventHeaders.forEvent(event, "/test", at).writeTo(new RecordHeaders());
        raw(topic, loginId, avro.serialize(topic, event), headers, at);
    }

    public void raw(String topic, String key, byte[] value, Headers headers, Instant at) {
        try {
            producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, value, headers))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    /** Every committed record of {@code topic}. */
    public List<ConsumerRecord<String, byte[]>> read(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (TopicScan scan = new TopicScan(settings)) {
            scan.read(topic, null, records::add);
        }
        return records;
    }

    public Object decode(ConsumerRecord<String, byte[]> record) {
        return decoder.deserialize(record.topic(), record.headers(), record.value());
    }

    @Override
    public void close() {
        producer.close();
        avro.close();
        decoder.close();
    }
}
