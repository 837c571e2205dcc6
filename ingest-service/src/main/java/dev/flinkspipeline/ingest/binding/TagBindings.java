package dev.flinkspipeline.ingest.binding;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectSession;
import dev.flinkspipeline.ingest.kafka.EventPublisher;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * The service's {@link TagBindingLog}: started with the service when tag signing is on (without signed tags
 * there is no session to bind), claims written by the service's one producer, the topic created when
 * missing. Also the executor that carries a Connect store from one step to the next, off Kafka's threads.
 */
@Startup
@ApplicationScoped
public class TagBindings {

    private static final Logger log = Logger.getLogger(TagBindings.class);
    /** How long after its tag expired a binding is still kept: room for instances' clocks to disagree. */
    static final Duration GRACE = Duration.ofMinutes(5);

    static final String CLAIM_TYPE = "TagClaim";

    @Inject
    IngestConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @Inject
    EventPublisher publisher;

    @Inject
    Optional<TagSigner> tagSigner;

    @Inject
    Clock clock;

    private ExecutorService executor;
    private TagBindingLog bindings;
    /** The tail asks again and again while the topic is missing: create (or warn) at most this often. */
    private volatile Instant nextTopicAttempt = Instant.MIN;

    @PostConstruct
    void start() {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ingest-connect-store-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if (tagSigner.isEmpty()) {
            return;
        }
        Duration retention = config.tagBindings().retention();
        if (retention.compareTo(config.tag().ttl().plus(GRACE)) <= 0) {
            throw new IllegalArgumentException("ingest.tag-bindings.retention must exceed ingest.tag.ttl by more than "
                    + GRACE.toMinutes() + " minutes");
        }
        String topic = config.topics().tagBindings();
        bindings = new TagBindingLog(
                        topic,
                        consumerConfig(),
                        this::write,
                        this::ensureTopic,
                        new TagBindingLedger(GRACE),
                        clock,
                        executor)
                .start();
    }

    /**
     * Binds {@code session} to {@code loginId}; {@code content} as {@link TagClaim#content()}. A session
     * without a signed tag (signing off) has nothing to bind: bound at once.
     */
    public CompletableFuture<BindingDecision> claim(ConnectSession session, String loginId, String content) {
        if (!session.signed() || bindings == null) {
            return CompletableFuture.completedFuture(BindingDecision.BOUND);
        }
        return bindings.claim(new TagClaim(session.nonce(), loginId, content, session.expiresAt()));
    }

    /** Where the steps of a Connect store run: never on the producer's I/O thread or the tail. */
    public Executor executor() {
        return executor;
    }

    /** Ready to decide quickly: the tail has read the claims the topic held at start (always, without signing). */
    public boolean caughtUp() {
        return bindings == null || bindings.caughtUp();
    }

    private CompletableFuture<RecordMetadata> write(ProducerRecord<String, byte[]> claim) {
        return publisher.send(CLAIM_TYPE, new ProducerRecord<>(claim.topic(), null, claim.key(), claim.value()));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }

    /** Creates the topic when missing: delete retention, never compacted (compaction would keep the last claim). */
    private void ensureTopic() {
        Instant now = clock.instant();
        if (now.isBefore(nextTopicAttempt)) {
            return;
        }
        nextTopicAttempt = now.plusSeconds(30);
        IngestConfig.TagBindings settings = config.tagBindings();
        if (!settings.createTopic()) {
            log.warnf(
                    "tag-bindings: topic %s does not exist and ingest.tag-bindings.create-topic is false",
                    config.topics().tagBindings());
            return;
        }
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-service-tag-bindings-admin");
        NewTopic topic = new NewTopic(
                        config.topics().tagBindings(),
                        Optional.of(settings.partitions()),
                        settings.replicationFactor() < 1 ? Optional.empty() : Optional.of(settings.replicationFactor()))
                .configs(plannedConfigs(settings.retention()));
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            log.infof("tag-bindings: created topic %s (%d partitions)", topic.name(), settings.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warnf(
                        "tag-bindings: cannot create topic %s yet (%s)",
                        topic.name(), e.getCause().getClass().getSimpleName());
            }
        } catch (TimeoutException e) {
            log.warnf("tag-bindings: creating topic %s timed out", topic.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The topic plan's settings (delete, never compacted), the retention this service is configured with. */
    private static Map<String, String> plannedConfigs(Duration retention) {
        Map<String, String> configs =
                new HashMap<>(TopicPlan.topic(Topics.INGEST_TAG_BINDINGS).configs());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        return configs;
    }

    @PreDestroy
    void stop() {
        if (bindings != null) {
            bindings.close();
        }
        executor.shutdownNow();
    }
}
