package dev.flinkspipeline.registry;

import dev.flinkspipeline.registry.core.CompatibilityLevel;
import dev.flinkspipeline.registry.store.KafkaStoreSettings;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Settings of the dev schema registry. {@link #fromEnvironment()} reads, for each setting, a system property
 * (wins) or an environment variable:
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>env</th><th>system property</th><th>default</th></tr>
 *   <tr><td>REGISTRY_HOST</td><td>registry.host</td><td>127.0.0.1</td></tr>
 *   <tr><td>REGISTRY_PORT</td><td>registry.port</td><td>8081 (0 = any free port)</td></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>kafka.bootstrap.servers</td><td>localhost:9092</td></tr>
 *   <tr><td>REGISTRY_TOPIC</td><td>registry.topic</td><td>_schemas</td></tr>
 *   <tr><td>REGISTRY_COMPATIBILITY</td><td>registry.compatibility</td><td>BACKWARD</td></tr>
 *   <tr><td>REGISTRY_KAFKA_TIMEOUT_MS</td><td>registry.kafka.timeout.ms</td><td>30000</td></tr>
 *   <tr><td>REGISTRY_TOPIC_REPLICATION_FACTOR</td><td>registry.topic.replication.factor</td><td>broker default</td></tr>
 *   <tr><td>REGISTRY_HTTP_THREADS</td><td>registry.http.threads</td><td>8</td></tr>
 *   <tr><td>REGISTRY_KAFKASTORE_&lt;NAME&gt;</td><td>registry.kafkastore.&lt;name&gt;</td><td>extra Kafka client setting,
 *       e.g. REGISTRY_KAFKASTORE_SECURITY_PROTOCOL=SASL_SSL</td></tr>
 * </table>
 */
public record RegistryConfig(String host, int port, String bootstrapServers, String topic,
                             CompatibilityLevel defaultCompatibility, Duration kafkaTimeout,
                             short topicReplicationFactor, int httpThreads, Map<String, String> kafkaProperties) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_TOPIC = "_schemas";

    private static final String ENV_KAFKA_PREFIX = "REGISTRY_KAFKASTORE_";
    private static final String PROPERTY_KAFKA_PREFIX = "registry.kafkastore.";

    public RegistryConfig {
        require(host != null && !host.isBlank(), "host must not be blank");
        require(port >= 0 && port <= 65_535, "port must be within 0..65535, was " + port);
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "Kafka bootstrap servers must not be blank");
        require(topic != null && !topic.isBlank(), "topic must not be blank");
        require(defaultCompatibility != null, "default compatibility must be set");
        require(kafkaTimeout != null && kafkaTimeout.toMillis() >= 1_000 && kafkaTimeout.toMillis() <= Integer.MAX_VALUE,
                "Kafka timeout must be at least 1 s");
        require(httpThreads >= 1 && httpThreads <= 256, "HTTP threads must be within 1..256, was " + httpThreads);
        kafkaProperties = Map.copyOf(kafkaProperties == null ? Map.of() : kafkaProperties);
    }

    public static RegistryConfig defaults() {
        return new RegistryConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_TOPIC,
                CompatibilityLevel.BACKWARD, Duration.ofSeconds(30), (short) -1, 8, Map.of());
    }

    /** Defaults overridden by environment variables, themselves overridden by system properties. */
    public static RegistryConfig fromEnvironment() {
        return from(System.getenv(), System.getProperties());
    }

    static RegistryConfig from(Map<String, String> env, Properties properties) {
        Function<String[], String> lookup = names -> {
            String value = properties.getProperty(names[1]);
            if (value == null || value.isBlank()) {
                value = env.get(names[0]);
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
        RegistryConfig defaults = defaults();
        Map<String, String> kafka = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_KAFKA_PREFIX) && name.length() > ENV_KAFKA_PREFIX.length()) {
                kafka.put(name.substring(ENV_KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        properties.stringPropertyNames().forEach(name -> {
            if (name.startsWith(PROPERTY_KAFKA_PREFIX) && name.length() > PROPERTY_KAFKA_PREFIX.length()) {
                kafka.put(name.substring(PROPERTY_KAFKA_PREFIX.length()), properties.getProperty(name));
            }
        });
        String compatibility = orDefault(lookup.apply(new String[] {"REGISTRY_COMPATIBILITY", "registry.compatibility"}),
                defaults.defaultCompatibility().name());
        return new RegistryConfig(
                orDefault(lookup.apply(new String[] {"REGISTRY_HOST", "registry.host"}), defaults.host()),
                intSetting(lookup, "REGISTRY_PORT", "registry.port", defaults.port()),
                orDefault(lookup.apply(new String[] {"KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrap.servers"}),
                        defaults.bootstrapServers()),
                orDefault(lookup.apply(new String[] {"REGISTRY_TOPIC", "registry.topic"}), defaults.topic()),
                CompatibilityLevel.parse(compatibility).orElseThrow(() -> new IllegalArgumentException(
                        "REGISTRY_COMPATIBILITY: unknown level '" + compatibility + "', expected one of "
                                + CompatibilityLevel.names())),
                Duration.ofMillis(intSetting(lookup, "REGISTRY_KAFKA_TIMEOUT_MS", "registry.kafka.timeout.ms",
                        (int) defaults.kafkaTimeout().toMillis())),
                (short) intSetting(lookup, "REGISTRY_TOPIC_REPLICATION_FACTOR", "registry.topic.replication.factor",
                        defaults.topicReplicationFactor()),
                intSetting(lookup, "REGISTRY_HTTP_THREADS", "registry.http.threads", defaults.httpThreads()),
                kafka);
    }

    public RegistryConfig withHost(String value) {
        return new RegistryConfig(value, port, bootstrapServers, topic, defaultCompatibility, kafkaTimeout,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withPort(int value) {
        return new RegistryConfig(host, value, bootstrapServers, topic, defaultCompatibility, kafkaTimeout,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withBootstrapServers(String value) {
        return new RegistryConfig(host, port, value, topic, defaultCompatibility, kafkaTimeout,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withTopic(String value) {
        return new RegistryConfig(host, port, bootstrapServers, value, defaultCompatibility, kafkaTimeout,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withDefaultCompatibility(CompatibilityLevel value) {
        return new RegistryConfig(host, port, bootstrapServers, topic, value, kafkaTimeout,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withKafkaTimeout(Duration value) {
        return new RegistryConfig(host, port, bootstrapServers, topic, defaultCompatibility, value,
                topicReplicationFactor, httpThreads, kafkaProperties);
    }

    public RegistryConfig withKafkaProperty(String key, String value) {
        Map<String, String> merged = new TreeMap<>(kafkaProperties);
        merged.put(key, value);
        return new RegistryConfig(host, port, bootstrapServers, topic, defaultCompatibility, kafkaTimeout,
                topicReplicationFactor, httpThreads, merged);
    }

    KafkaStoreSettings storeSettings() {
        return new KafkaStoreSettings(bootstrapServers, topic, kafkaTimeout, topicReplicationFactor, kafkaProperties);
    }

    /** Kafka client settings may hold credentials (sasl.jaas.config): only their names are printed. */
    @Override
    public String toString() {
        return "RegistryConfig[host=" + host + ", port=" + port + ", bootstrapServers=" + bootstrapServers
                + ", topic=" + topic + ", defaultCompatibility=" + defaultCompatibility + ", kafkaTimeout=" + kafkaTimeout
                + ", topicReplicationFactor=" + topicReplicationFactor + ", httpThreads=" + httpThreads
                + ", kafkaProperties=" + kafkaProperties.keySet() + "]";
    }

    private static int intSetting(Function<String[], String> lookup, String env, String property, int fallback) {
        String value = lookup.apply(new String[] {env, property});
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " / " + property + ": not a number: '" + value + "'");
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("Invalid registry configuration: " + message);
        }
    }
}
