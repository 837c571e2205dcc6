package dev.flinkspipeline.testkit;

import dev.flinkspipeline.registry.DevSchemaRegistry;
import dev.flinkspipeline.registry.RegistryConfig;
import dev.flinkspipeline.testkit.kafka.ClassScope;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real KRaft broker ({@link KafkaBroker}) plus the dev schema registry in this JVM, started once per test class:
 * {@code @RegisterExtension static final PipelineInfra infra = new PipelineInfra();}. Without JUnit:
 * {@link #start()} … {@link #close()}.
 *
 * <p>The registry listens on an ephemeral port of 127.0.0.1, stores its schemas in the broker's {@code _schemas}
 * topic, and bounds its Kafka operations to 10 s, so a test that stops the broker gets registry errors quickly.
 */
public final class PipelineInfra implements PipelineInfrastructure, BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final KafkaBroker broker;
    private RegistryRunner registry;
    private final ClassScope scope = new ClassScope();
    private boolean started;

    public PipelineInfra() {
        this.broker = new KafkaBroker();
        this.registry = new RegistryRunner(UnaryOperator.identity());
    }

    /** Adjusts the registry's settings (e.g. default compatibility) before it starts. */
    public synchronized PipelineInfra withRegistryConfig(UnaryOperator<RegistryConfig> customizer) {
        requireNotStarted();
        this.registry = new RegistryRunner(customizer);
        return this;
    }

    /** Overrides a broker setting before it starts. */
    public PipelineInfra withBrokerProperty(String key, String value) {
        requireNotStarted();
        broker.withBrokerProperty(key, value);
        return this;
    }

    /** Starts the broker, then the registry. No-op when already started. */
    public synchronized PipelineInfra start() {
        if (started) {
            return this;
        }
        broker.start();
        try {
            registry.start(broker.bootstrapServers());
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        started = true;
        return this;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public synchronized String schemaRegistryUrl() {
        return registry.require().url();
    }

    /** The broker, e.g. to {@link KafkaBroker#stop()} and {@link KafkaBroker#start()} it in fault tests. */
    public KafkaBroker broker() {
        return broker;
    }

    /** The running registry (a new instance after each {@link #restartRegistry()}). */
    public synchronized DevSchemaRegistry registry() {
        return registry.require();
    }

    @Override
    public synchronized void restartRegistry() {
        registry.restart();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.createTopic(name, partitions, configs);
    }

    /** Stops the registry, then the broker (deleting its data). Safe to call twice. */
    @Override
    public synchronized void close() {
        try {
            registry.close();
        } finally {
            broker.close();
            started = false;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.enter(context, () -> started, this::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.exit(context, this::close);
    }

    private void requireNotStarted() {
        if (started) {
            throw new IllegalStateException("already started; configure before start()");
        }
    }
}
