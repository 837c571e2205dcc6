package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Kafka clients of a pipeline service: String keys (loginIds), Avro values through the project's serde. Producers
 * also write raw {@code byte[]} values, so a dead letter keeps the bytes that could not be read; consumers wrap the
 * Avro deserializer in {@link ErrorHandlingDeserializer}, so an unreadable record does not stop its partition.
 */
public final class AvroKafka {

    private static final Logger log = LoggerFactory.getLogger(AvroKafka.class);

    private AvroKafka() {}

    /** The serde settings ({@code schema.registry.url}, ...). */
    public static Map<String, Object> serdeConfig(PipelineKafkaProperties properties) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, properties.schemaRegistryUrl());
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, properties.autoRegisterSchemas());
        config.put(AvroSerdeConfig.USE_LATEST_VERSION, properties.useLatestVersion());
        String userInfo = properties.schemaRegistryUserInfo();
        if (userInfo != null && !userInfo.isBlank()) {
            config.put(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
            config.put(AvroSerdeConfig.BASIC_AUTH_USER_INFO, userInfo);
        }
        return config;
    }

    /**
     * An idempotent transactional producer factory ({@code acks=all}) whose Avro serializers share {@code registry}:
     * a schema resolved once (by the start's warm-up, or any producer) is resolved for all of them.
     */
    public static DefaultKafkaProducerFactory<Object, Object> transactionalProducerFactory(
            Map<String, Object> producerConfig,
            Map<String, Object> serdeConfig,
            SchemaRegistryClient registry,
            String transactionIdPrefix,
            long transactionTimeoutMs) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.putAll(serdeConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeoutMs);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(
                config, () -> objectKeys(new StringSerializer()), () -> valueSerializer(registry), true);
        factory.setTransactionIdPrefix(transactionIdPrefix);
        return factory;
    }

    /**
     * A template over {@code producerFactory} that logs a failed send by topic and key (the loginId) only: Spring's
     * default listener logs the start of the value, for our events a holder's name or an account number.
     */
    public static KafkaTemplate<Object, Object> template(ProducerFactory<Object, Object> producerFactory) {
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(producerFactory);
        template.setProducerListener(new ProducerListener<>() {
            @Override
            public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
                log.warn("Send to {} failed, key {}: {}", record.topic(), record.key(), exception.toString());
            }
        });
        return template;
    }

    /** A consumer factory for Avro values (on {@code registry}): read_committed, no auto-commit, failures as headers. */
    public static DefaultKafkaConsumerFactory<Object, Object> consumerFactory(
            Map<String, Object> consumerConfig, Map<String, Object> serdeConfig, SchemaRegistryClient registry) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.putAll(serdeConfig);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return new DefaultKafkaConsumerFactory<>(
                config,
                () -> objectKeys(new StringDeserializer()),
                () -> new ErrorHandlingDeserializer<>(new AvroDeserializer(registry)),
                true);
    }

    /** Fresh Avro deserializers of values into the generated classes, with {@code serdeConfig}, on {@code registry}. */
    public static Supplier<Deserializer<Object>> specificValues(
            Map<String, Object> serdeConfig, SchemaRegistryClient registry) {
        return () -> {
            Map<String, Object> config = new HashMap<>(serdeConfig);
            config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            AvroDeserializer deserializer = new AvroDeserializer(registry);
            deserializer.configure(config, false);
            return deserializer;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T objectKeys(Object stringSerde) {
        return (T) stringSerde;
    }

    /** An Avro serializer of values with {@code serdeConfig}'s settings, on {@code registry} (its caches shared). */
    public static AvroSerializer avroValues(Map<String, Object> serdeConfig, SchemaRegistryClient registry) {
        AvroSerializer serializer = new AvroSerializer(registry);
        serializer.configure(serdeConfig, false);
        return serializer;
    }

    /** Avro for events, raw bytes for dead letters. */
    private static Serializer<Object> valueSerializer(SchemaRegistryClient registry) {
        Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
        delegates.put(byte[].class, new ByteArraySerializer());
        delegates.put(GenericContainer.class, new AvroSerializer(registry));
        return new DelegatingByTypeSerializer(delegates, true);
    }
}
