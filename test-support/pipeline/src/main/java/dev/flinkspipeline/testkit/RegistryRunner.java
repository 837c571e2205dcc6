package dev.flinkspipeline.testkit;

import dev.flinkspipeline.registry.DevSchemaRegistry;
import dev.flinkspipeline.registry.RegistryConfig;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** Runs the in-process dev schema registry for a test and restarts it on the same port. */
final class RegistryRunner {

    /** Short enough that a test with Kafka deliberately down sees registry errors quickly, long enough for CI. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final UnaryOperator<RegistryConfig> customizer;
    private DevSchemaRegistry registry;
    private RegistryConfig config;

    RegistryRunner(UnaryOperator<RegistryConfig> customizer) {
        this.customizer = customizer;
    }

    DevSchemaRegistry start(String bootstrapServers) {
        config = customizer.apply(RegistryConfig.defaults()
                .withBootstrapServers(bootstrapServers)
                .withPort(0)
                .withKafkaTimeout(KAFKA_TIMEOUT));
        registry = DevSchemaRegistry.start(config);
        // Restarts reuse the port, so clients configured with the URL keep working.
        config = config.withPort(registry.port());
        return registry;
    }

    DevSchemaRegistry restart() {
        DevSchemaRegistry current = require();
        current.close();
        registry = null;
        UncheckedIOException lastBindFailure = null;
        // The port was just released by us; binding it again can race only with an unrelated process.
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                registry = DevSchemaRegistry.start(config);
                return registry;
            } catch (UncheckedIOException e) {
                lastBindFailure = e;
            }
        }
        throw lastBindFailure;
    }

    DevSchemaRegistry require() {
        if (registry == null) {
            throw new IllegalStateException("schema registry not running: start the infrastructure first");
        }
        return registry;
    }

    void close() {
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }
}
