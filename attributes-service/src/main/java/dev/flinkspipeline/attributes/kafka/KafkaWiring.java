package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.dedup.SnapshotMark;
import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.service.dedup.LedgerLoader;
import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.dedup.SnapshotLedger;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.service.kafka.AvroKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Kafka clients of the service, built with the shared {@link AvroKafka} factories. Consumers read {@code read_committed} with the project's Avro serde
 * behind an ErrorHandlingDeserializer (a poison record reaches the listener as a failure, which dead-letters
 * it), never commit by themselves: offsets are committed by the listeners in the transaction that writes
 * the batch's records. The producer is transactional and idempotent (acks=all); it writes Avro for events
 * and raw bytes for dead letters of undeserializable records.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaWiring {

    static Map<String, Object> serdeConfig(AttributesProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, properties.getKafka().getSchemaRegistryUrl());
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return config;
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties boot, AttributesProperties properties,
                                                                MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>(boot.buildProducerProperties());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        String prefix = properties.getKafka().getTransactionIdPrefix();
        DefaultKafkaProducerFactory<Object, Object> factory = AvroKafka.transactionalProducerFactory(config,
                serdeConfig(properties), prefix == null || prefix.isBlank()
                        ? "flinks-attributes-" + UUID.randomUUID() + "-" : prefix, 30_000);
        factory.addListener(new MicrometerProducerListener<>(meters));
        return (ProducerFactory) factory;
    }

    @Bean
    public KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ConsumerFactory<String, Object> kafkaConsumerFactory(KafkaProperties boot, AttributesProperties properties,
                                                                MeterRegistry meters) {
        DefaultKafkaConsumerFactory<Object, Object> factory = AvroKafka.consumerFactory(
                consumerConfig(boot, properties), serdeConfig(properties));
        factory.addListener(new MicrometerConsumerListener<>(meters));
        return (ConsumerFactory) factory;
    }

    static Map<String, Object> consumerConfig(KafkaProperties boot, AttributesProperties properties) {
        Map<String, Object> config = new HashMap<>(boot.buildConsumerProperties());
        config.putAll(serdeConfig(properties));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.getKafka().getGroupId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.getKafka().getMaxPollRecords());
        return config;
    }

    static Supplier<Deserializer<Object>> avroDeserializer(AttributesProperties properties) {
        return () -> {
            AvroDeserializer avro = new AvroDeserializer();
            avro.configure(serdeConfig(properties), false);
            return avro;
        };
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, Object> accountsReadyContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, AttributesProperties properties,
            KafkaProperties boot, SnapshotLedger ledger) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = factory(consumerFactory, properties);
        // Snapshot state of AccountsReady partitions, loaded on assignment from the compacted snapshot topic.
        factory.getContainerProperties().setConsumerRebalanceListener(new LedgerLoader<>(
                properties.getTopics().getAccountsReady(), properties.getTopics().getSnapshots(), ledger.entries(),
                consumerConfig(boot, properties), avroDeserializer(properties), KafkaWiring::snapshotMark,
                properties.getKafka().getStateLoadTimeout(), "flinks-attributes-snapshot-loader"));
        return factory;
    }

    private static SnapshotMark snapshotMark(String loginId, Object value) {
        return value instanceof SnapshotAccepted s ? SnapshotMark.of(s) : null;
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, Object> scheduledContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, AttributesProperties properties) {
        return factory(consumerFactory, properties);
    }

    private static ConcurrentKafkaListenerContainerFactory<String, Object> factory(
            ConsumerFactory<String, Object> consumerFactory, AttributesProperties properties) {
        ConcurrentKafkaListenerContainerFactory<String, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.getKafka().getConcurrency());
        ContainerProperties container = factory.getContainerProperties();
        // Offsets are committed only inside the listeners' transactions.
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        // Short polls: a resumed partition is fetched again quickly.
        container.setPollTimeout(250);
        container.setMicrometerEnabled(true);
        return factory;
    }
}
