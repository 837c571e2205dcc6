package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.serde.SchemaWarmUp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Does a service's first-transaction work while it starts, beside the rest of its start, so the first customer does
 * not wait for it: opens the transactional producer (initTransactions; the factory keeps it for the first batch),
 * fetches the metadata of the topics it writes ({@link PlannedTopics#outputs}) and resolves their value schemas with
 * the registry, as its
 * serializer will (register, look up or latest). Fail-safe: a failure is a WARN, the normal retry paths apply.
 */
public final class ProducerWarmUp implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);
    /** After the topics are created and checked ({@link PlannedTopics}), before the listener containers. */
    private static final int PHASE = Integer.MAX_VALUE - 150;
    /** The registry may come up after the service: ask again this long. */
    private static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(60);

    private final ProducerFactory<Object, Object> producerFactory;
    private final AvroSerializer serializer;
    private final Map<String, Schema> outputs;
    private volatile ScheduledExecutorService scheduler;

    /** @param serializer on the registry client of the producers' serializers, so what it resolves is theirs */
    public ProducerWarmUp(
            ProducerFactory<Object, Object> producerFactory, AvroSerializer serializer, Map<String, Schema> outputs) {
        this.producerFactory = producerFactory;
        this.serializer = serializer;
        this.outputs = Map.copyOf(outputs);
    }

    @Override
    public void start() {
        run();
    }

    /** Starts the warm-up on a thread of its own; the future completes at its end (or its WARN). */
    CompletableFuture<Void> run() {
        ScheduledExecutorService warmUp = SchemaWarmUp.newScheduler();
        scheduler = warmUp;
        long started = System.nanoTime();
        return CompletableFuture.runAsync(this::openProducer, warmUp)
                .thenCompose(opened -> resolveSchemas(warmUp))
                .handle((resolved, e) -> {
                    if (e != null) {
                        log.warn(
                                "Schema warm-up failed (the first record resolves its schema instead): {}",
                                e.getCause() != null ? e.getCause().toString() : e.toString());
                    } else {
                        log.info(
                                "Warm-up of the producer and schemas of {} done in {} ms",
                                outputs.keySet(),
                                (System.nanoTime() - started) / 1_000_000);
                    }
                    warmUp.shutdown();
                    return null;
                });
    }

    private void openProducer() {
        try (Producer<Object, Object> producer = producerFactory.createProducer()) {
            outputs.keySet().forEach(producer::partitionsFor);
        } catch (RuntimeException e) {
            log.warn("Producer warm-up failed (the first batch opens it instead): {}", e.toString());
        }
    }

    private CompletableFuture<Void> resolveSchemas(ScheduledExecutorService warmUp) {
        if (outputs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return SchemaWarmUp.start(serializer, outputs, REGISTRY_PATIENCE, warmUp);
    }

    @Override
    public void stop() {
        ScheduledExecutorService warmUp = scheduler;
        if (warmUp != null) {
            warmUp.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        ScheduledExecutorService warmUp = scheduler;
        return warmUp != null && !warmUp.isShutdown();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
