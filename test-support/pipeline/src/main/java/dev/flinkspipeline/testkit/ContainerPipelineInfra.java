package dev.flinkspipeline.testkit;

import dev.flinkspipeline.testkit.kafka.ClassScope;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Like {@link PipelineInfra}, but Kafka runs in a Docker container ({@code apache/kafka}, Testcontainers); the test
 * schema registry still runs in this JVM. Use it with
 * {@code @Testcontainers(disabledWithoutDocker = true)} on the test class so that the class is skipped, not
 * failed, where Docker is missing:
 *
 * <pre>{@code
 * @Testcontainers(disabledWithoutDocker = true)
 * class MyContainerTest {
 *     @RegisterExtension
 *     static final ContainerPipelineInfra infra = new ContainerPipelineInfra();
 * }
 * }</pre>
 *
 * <p>Nothing touches Docker before {@link #start()}, so declaring the field is safe without Docker.
 */
public final class ContainerPipelineInfra
        implements PipelineInfrastructure, BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Kafka image matching the project's client version; override with system property {@code flinkspipeline.kafka.image}. */
    public static final String DEFAULT_IMAGE = "apache/kafka:4.1.2";

    private final String image;
    private TestSchemaRegistry registry;
    private KafkaContainer kafka;
    private final ClassScope scope = new ClassScope();

    public ContainerPipelineInfra() {
        this(System.getProperty("flinkspipeline.kafka.image", DEFAULT_IMAGE));
    }

    public ContainerPipelineInfra(String image) {
        this.image = image;
    }

    /** Starts the Kafka container (needs Docker), then the registry. No-op when already started. */
    public synchronized ContainerPipelineInfra start() {
        if (kafka != null) {
            return this;
        }
        KafkaContainer container = new KafkaContainer(image)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(16 * 1024 * 1024));
        container.start();
        registry = TestSchemaRegistry.start();
        kafka = container;
        return this;
    }

    @Override
    public synchronized String bootstrapServers() {
        return requireKafka().getBootstrapServers();
    }

    @Override
    public synchronized String schemaRegistryUrl() {
        requireKafka();
        return registry.url();
    }

    /** The container, e.g. to pause it with the Docker client in fault tests. */
    public synchronized KafkaContainer container() {
        return requireKafka();
    }

    @Override
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create topic " + name + " within 30 s", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (registry != null) {
                registry.close();
                registry = null;
            }
        } finally {
            if (kafka != null) {
                kafka.stop();
                kafka = null;
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.enter(context, () -> kafka != null, this::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.exit(context, this::close);
    }

    private KafkaContainer requireKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka container not started: call start() or register the extension");
        }
        return kafka;
    }
}
