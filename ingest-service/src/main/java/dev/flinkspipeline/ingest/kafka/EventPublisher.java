package dev.flinkspipeline.ingest.kafka;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.metrics.IngestMetrics;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.serde.NativeLz4;
import dev.flinkspipeline.schemas.serde.SchemaWarmUp;
import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The one Kafka producer of the service: {@code acks=all}, idempotent, compressed, sized for full
 * GetAccountsDetail payloads, and with a bounded {@code max.block.ms} so a dead broker never holds a
 * request thread for long. Any {@code kafka.*} setting overrides these defaults.
 */
@Startup
@ApplicationScoped
public class EventPublisher {

    private static final Logger log = Logger.getLogger(EventPublisher.class);

    /** Value serializer used unless {@code kafka.value.serializer} names another (e.g. Confluent's). */
    public static final String DEFAULT_AVRO_SERIALIZER = "dev.flinkspipeline.schemas.serde.AvroSerializer";

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    @Inject
    ProducerSpans spans;

    private KafkaProducer<String, Object> producer;
    private AutoCloseable producerMetrics;
    private EventValueSerializer values;

    /** The producer settings: defaults of this service, then every {@code kafka.*} setting. */
    public static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, Duration maxBlock) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // A full GetAccountsDetail with a year of transactions on several accounts is several MB.
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L * 1024 * 1024));
        // Webhook records are 10 KB to several MB: a 16 KB batch would hold one record each; larger batches
        // let concurrent webhooks share a produce request (fewer broker round trips, better compression).
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        // Every webhook answer waits for its ack, so lingering adds straight to Flinks' wait; under load
        // records still batch while earlier requests are in flight.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(maxBlock.toMillis()));
        props.put("schema.registry.request.timeout.ms", "5000");
        props.putAll(kafkaConfig);
        return props;
    }

    @PostConstruct
    void start() {
        Duration ackTimeout = config.webhook().ackTimeout();
        // Waiting for metadata or buffer space must leave time to answer within the ack timeout.
        Duration maxBlock = ackTimeout.dividedBy(2).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : ackTimeout.dividedBy(2);
        Map<String, Object> props = producerConfig(kafkaConfig, maxBlock);
        Object serializerClass =
                props.getOrDefault(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DEFAULT_AVRO_SERIALIZER);
        values = new EventValueSerializer(avroSerializer(serializerClass));
        values.configure(props, false);
        producer = new KafkaProducer<>(props, new StringSerializer(), values);
        producerMetrics = metrics.producer(producer);
        log.infof(
                "Kafka producer started: bootstrap.servers=%s acks=%s compression=%s (lz4: %s) max.request.size=%s",
                props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
                props.get(ProducerConfig.ACKS_CONFIG),
                props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                NativeLz4.status(),
                props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG));
    }

    /** Fetches {@code topic}'s metadata ahead of its first record. */
    void fetchMetadata(String topic) {
        producer.partitionsFor(topic);
    }

    /**
     * Resolves {@code schemas} (topic to value schema) with the registry into the serializer's caches ahead of the
     * first records, when the serializer is this project's ({@link SchemaWarmUp}).
     */
    CompletableFuture<Void> warmUpSchemas(
            Map<String, Schema> schemas, Duration patience, ScheduledExecutorService scheduler) {
        return values.avro() instanceof AvroSerializer avro
                ? SchemaWarmUp.start(avro, schemas, patience, scheduler)
                : CompletableFuture.completedFuture(null);
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> avroSerializer(Object classOrName) {
        try {
            Class<?> type = classOrName instanceof Class<?> c
                    ? c
                    : Class.forName(
                            classOrName.toString().trim(),
                            true,
                            Thread.currentThread().getContextClassLoader());
            return (Serializer<Object>) Utils.newInstance(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("kafka.value.serializer: class not found: " + classOrName, e);
        }
    }

    /**
     * The record's value as the producer would write it (its value serializer, with the record's headers). A
     * record carrying these bytes instead ({@link OutgoingRecord#encodedAs}) is sent as they are: the bytes
     * measured against a size limit are the bytes sent, and the value is encoded once.
     *
     * @throws RuntimeException when it cannot be encoded (e.g. the schema registry is unreachable), as
     *         {@link #publish} would
     */
    public byte[] encode(OutgoingRecord out) {
        ProducerRecord<String, Object> record = out.record();
        return values.serialize(record.topic(), record.headers(), record.value());
    }

    /**
     * Sends the records; the future completes when Kafka acknowledged every one of them (acks=all), or
     * exceptionally with the first failure.
     *
     * @throws RuntimeException when a record cannot even be handed to the producer (serialization or
     *         schema registry failure, no metadata or buffer space within {@code max.block.ms})
     */
    public CompletableFuture<Void> publish(List<OutgoingRecord> records) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < records.size(); i++) {
            OutgoingRecord out = records.get(i);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            long start = System.nanoTime();
            Span span = spans.started(out.record());
            try {
                producer.send(out.record(), (metadata, error) -> {
                    ProducerSpans.ended(span, error);
                    if (error == null) {
                        metrics.produced(out.type(), System.nanoTime() - start);
                        ack.complete(null);
                    } else {
                        ack.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                ProducerSpans.ended(span, e);
                throw e;
            }
            acks[i] = ack;
        }
        return CompletableFuture.allOf(acks);
    }

    /**
     * Sends one record; the future completes with where it landed once Kafka acknowledged it (acks=all).
     *
     * @param type the record type for metrics
     * @throws RuntimeException when the record cannot even be handed to the producer (no metadata or buffer
     *         space within {@code max.block.ms})
     */
    public CompletableFuture<RecordMetadata> send(String type, ProducerRecord<String, Object> record) {
        CompletableFuture<RecordMetadata> landed = new CompletableFuture<>();
        long start = System.nanoTime();
        Span span = spans.started(record);
        try {
            producer.send(record, (metadata, error) -> {
                ProducerSpans.ended(span, error);
                if (error == null) {
                    metrics.produced(type, System.nanoTime() - start);
                    landed.complete(metadata);
                } else {
                    landed.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            ProducerSpans.ended(span, e);
            throw e;
        }
        return landed;
    }

    @PreDestroy
    void stop() {
        if (producerMetrics != null) {
            try {
                producerMetrics.close();
            } catch (Exception e) {
                log.debugf("could not remove the producer's metrics: %s", e);
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
