package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.serde.AvroSerializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    private final Map<String, Object> serdeConfig;
    private final Map<String, Schema> outputs;
    private volatile Thread thread;

    public ProducerWarmUp(
            ProducerFactory<Object, Object> producerFactory,
            Map<String, Object> serdeConfig,
            Map<String, Schema> outputs) {
        this.producerFactory = producerFactory;
        this.serdeConfig = new HashMap<>(serdeConfig); // may hold nulls (no registry set): Map.copyOf would throw
        this.outputs = Map.copyOf(outputs);
    }

    @Override
    public void start() {
        Thread warmUp = new Thread(this::run, "producer-warm-up");
        warmUp.setDaemon(true);
        thread = warmUp;
        warmUp.start();
    }

    /** Runs the warm-up to its end (or its WARN). */
    void run() {
        long started = System.nanoTime();
        try (Producer<Object, Object> producer = producerFactory.createProducer()) {
            outputs.keySet().forEach(producer::partitionsFor);
        } catch (RuntimeException e) {
            log.warn("Producer warm-up failed (the first batch opens it instead): {}", e.toString());
        }
        try {
            resolveSchemas();
        } catch (RuntimeException e) {
            log.warn("Schema warm-up failed (the first record resolves its schema instead): {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log.info(
                "Warm-up of the producer and schemas of {} done in {} ms",
                outputs.keySet(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void resolveSchemas() throws InterruptedException {
        if (outputs.isEmpty()) {
            return;
        }
        try (AvroSerializer serializer = AvroSerializer.create(serdeConfig, false)) {
            for (Map.Entry<String, Schema> output : outputs.entrySet()) {
                serializer.resolve(output.getKey(), output.getValue(), REGISTRY_PATIENCE);
            }
        }
    }

    @Override
    public void stop() {
        Thread warmUp = thread;
        if (warmUp != null) {
            warmUp.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
