package dev.flinkspipeline.testkit;

import dev.flinkspipeline.testkit.kafka.ClassScope;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real KRaft broker ({@link KafkaBroker}) plus a schema registry ({@link TestSchemaRegistry}) in this JVM, started
 * once per test class:
 * {@code @RegisterExtension static final PipelineInfra infra = new PipelineInfra();}. Without JUnit:
 * {@link #start()} … {@link #close()}.
 *
 * <p>The registry listens on an ephemeral port of 127.0.0.1 and keeps its schemas in memory: it keeps answering
 * while a fault test stops the broker.
 */
public final class PipelineInfra implements PipelineInfrastructure, BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final KafkaBroker broker;
    private TestSchemaRegistry registry;
    private final ClassScope scope = new ClassScope();
    private boolean started;

    public PipelineInfra() {
        this.broker = new KafkaBroker();
    }

    /** Overrides a broker setting before it starts. */
    public PipelineInfra withBrokerProperty(String key, String value) {
        requireNotStarted();
        broker.withBrokerProperty(key, value);
        return this;
    }

    /**
     * Secures the broker as in production: a SASL_SSL (SCRAM-SHA-512) listener, ACLs enforced, topics never
     * auto-created ({@link KafkaBroker#withSaslSsl()}).
     */
    public PipelineInfra withSaslSsl() {
        requireNotStarted();
        broker.withSaslSsl();
        return this;
    }

    /** Starts the broker, then the registry. No-op when already started. */
    public synchronized PipelineInfra start() {
        if (started) {
            return this;
        }
        broker.start();
        registry = TestSchemaRegistry.start();
        started = true;
        return this;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public synchronized String schemaRegistryUrl() {
        if (registry == null) {
            throw new IllegalStateException("schema registry not running: start the infrastructure first");
        }
        return registry.url();
    }

    /** The registry, e.g. to {@link TestSchemaRegistry#stop()} and {@link TestSchemaRegistry#restart()} it in fault tests. */
    public synchronized TestSchemaRegistry registry() {
        if (registry == null) {
            throw new IllegalStateException("schema registry not running: start the infrastructure first");
        }
        return registry;
    }

    /** The broker, e.g. to {@link KafkaBroker#stop()} and {@link KafkaBroker#start()} it in fault tests. */
    public KafkaBroker broker() {
        return broker;
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.createTopic(name, partitions, configs);
    }

    /** Stops the registry, then the broker (deleting its data). Safe to call twice. */
    @Override
    public synchronized void close() {
        try {
            if (registry != null) {
                registry.close();
                registry = null;
            }
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
