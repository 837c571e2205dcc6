package dev.flinkspipeline.tools.kafka;

import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How the operator commands reach Kafka and the schema registry. {@code extra} holds client properties from
 * {@code --command-config FILE} (security protocol, SASL, TLS, registry credentials): a file, so that secrets
 * stay out of the command line and the shell history. They apply to every client and to the Avro serde.
 */
public record ClientSettings(String bootstrapServers, String registryUrl, Map<String, String> extra) {

    private static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    public ClientSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("a schema registry URL is required");
        }
        extra = Map.copyOf(extra == null ? Map.of() : extra);
    }

    public static ClientSettings of(String bootstrapServers, String registryUrl) {
        return new ClientSettings(bootstrapServers, registryUrl, Map.of());
    }

    /** With the properties of {@code configFile} (Java properties format), or none when it is null. */
    public static ClientSettings of(String bootstrapServers, String registryUrl, Path configFile) {
        if (configFile == null) {
            return of(bootstrapServers, registryUrl);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --command-config " + configFile + ": " + e.getMessage(), e);
        }
        Map<String, String> extra = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> extra.put(name, properties.getProperty(name)));
        return new ClientSettings(bootstrapServers, registryUrl, extra);
    }

    /** A consumer that reads committed records only and never commits offsets (it joins no group). */
    public Map<String, Object> consumer() {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return props;
    }

    /** An idempotent producer waiting for every in-sync replica, able to write a full AccountsReady. */
    public Map<String, Object> producer() {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return props;
    }

    /** The Avro serde's settings: the registry, plus its credentials when the config file has them. */
    public Map<String, Object> serde(boolean specificRecords) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        props.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, specificRecords);
        return props;
    }
}
