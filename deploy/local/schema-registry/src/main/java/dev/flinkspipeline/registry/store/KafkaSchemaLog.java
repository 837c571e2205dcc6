package dev.flinkspipeline.registry.store;

import dev.flinkspipeline.registry.core.RegistryException;
import dev.flinkspipeline.registry.core.SchemaLog;
import dev.flinkspipeline.registry.core.StoreRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The registry's log in a single-partition compacted Kafka topic. Writes use an idempotent producer with
 * {@code acks=all} and return only when Kafka acknowledged them; reads replay the partition from the start.
 */
public final class KafkaSchemaLog implements SchemaLog {

    private static final Logger log = LoggerFactory.getLogger(KafkaSchemaLog.class);

    private final KafkaStoreSettings settings;
    private final TopicPartition partition;
    private KafkaProducer<byte[], byte[]> producer;

    private KafkaSchemaLog(KafkaStoreSettings settings) {
        this.settings = settings;
        this.partition = new TopicPartition(settings.topic(), 0);
    }

    /** Connects, creating the topic (1 partition, compacted) when missing. Fails within the configured timeout. */
    public static KafkaSchemaLog open(KafkaStoreSettings settings) {
        KafkaSchemaLog schemaLog = new KafkaSchemaLog(settings);
        schemaLog.ensureTopic();
        return schemaLog;
    }

    @Override
    public synchronized void append(StoreRecord record) {
        long timeoutMs = settings.timeout().toMillis();
        try {
            producer().send(new ProducerRecord<>(settings.topic(), 0, StoreCodec.key(record), StoreCodec.value(record)))
                    .get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discardProducer();
            throw RegistryException.storeError("interrupted while writing to " + settings.topic(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            discardProducer();
            throw RegistryException.storeTimeout("Kafka did not acknowledge the write to " + settings.topic(), e);
        } catch (ExecutionException e) {
            discardProducer();
            throw failure("writing to " + settings.topic(), e.getCause());
        } catch (RuntimeException e) {
            discardProducer();
            throw failure("writing to " + settings.topic(), e);
        }
    }

    @Override
    public List<StoreRecord> readAll() {
        Map<String, Object> config = apiClientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dev-schema-registry-reader");
        List<StoreRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), settings.timeout()).get(partition);
            while (consumer.position(partition, settings.timeout()) < end) {
                if (System.nanoTime() > deadline) {
                    throw RegistryException.storeTimeout("reading " + settings.topic() + " up to offset " + end, null);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(records::add);
                }
            }
            log.info("Read {} registry records from {} (end offset {})", records.size(), settings.topic(), end);
            return records;
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("reading " + settings.topic(), e);
        }
    }

    @Override
    public synchronized void close() {
        discardProducer();
    }

    private Optional<StoreRecord> decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            return StoreCodec.decode(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            // One bad record (written by hand or by another tool) must not make the registry unusable.
            log.warn("Skipping unreadable record at {}@{}: {}", partition, record.offset(), e.getMessage());
            return Optional.empty();
        }
    }

    private void ensureTopic() {
        Map<String, Object> config = apiClientConfig();
        try (Admin admin = Admin.create(config)) {
            long timeoutMs = settings.timeout().toMillis();
            Optional<TopicDescription> existing = describe(admin, timeoutMs);
            if (existing.isEmpty()) {
                Optional<Short> replication = settings.replicationFactor() > 0
                        ? Optional.of(settings.replicationFactor()) : Optional.empty();
                NewTopic topic = new NewTopic(settings.topic(), Optional.of(1), replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
                    log.info("Created registry topic {} (1 partition, compacted)", settings.topic());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                existing = describe(admin, timeoutMs);
            }
            int partitions = existing.map(d -> d.partitions().size()).orElse(1);
            if (partitions != 1) {
                // Ordering of registrations is only guaranteed within one partition.
                throw RegistryException.storeError("topic " + settings.topic() + " has " + partitions
                        + " partitions; the registry needs exactly 1", null);
            }
            warnIfNotCompacted(admin, timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.storeError("interrupted while preparing " + settings.topic(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw RegistryException.storeTimeout("Kafka at " + settings.bootstrapServers()
                    + " did not answer within " + settings.timeout().toMillis() + " ms while preparing topic " + settings.topic(), e);
        } catch (ExecutionException e) {
            throw failure("preparing topic " + settings.topic(), e.getCause());
        } catch (RegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("preparing topic " + settings.topic(), e);
        }
    }

    private Optional<TopicDescription> describe(Admin admin, long timeoutMs)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(settings.topic())).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(settings.topic()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void warnIfNotCompacted(Admin admin, long timeoutMs) {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic());
            Config config = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                log.warn("Registry topic {} is not compacted (cleanup.policy={}); old schemas may be deleted by retention",
                        settings.topic(), policy == null ? "?" : policy.value());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not check the cleanup policy of {}: {}", settings.topic(), e.toString());
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = clientConfig();
            int timeoutMs = (int) settings.timeout().toMillis();
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "dev-schema-registry-writer");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, timeoutMs / 2));
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(500, timeoutMs / 2) + Math.max(1, timeoutMs / 2));
            producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** After a failed write the producer's state is uncertain; a new one is created for the next write. */
    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Ignoring error while closing producer", e);
            }
            producer = null;
        }
    }

    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return config;
    }

    /** Settings for the admin client and the reader, whose calls are bounded by {@code default.api.timeout.ms}. */
    private Map<String, Object> apiClientConfig() {
        Map<String, Object> config = clientConfig();
        int timeoutMs = (int) settings.timeout().toMillis();
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, timeoutMs / 2));
        return config;
    }

    private RegistryException failure(String action, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return RegistryException.storeTimeout(action + ": " + cause.getMessage(), cause);
        }
        return RegistryException.storeError(action + ": " + cause, cause);
    }
}
