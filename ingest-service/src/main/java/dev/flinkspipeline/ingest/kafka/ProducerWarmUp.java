package dev.flinkspipeline.ingest.kafka;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.schemas.serde.SchemaWarmUp;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.avro.Schema;
import org.jboss.logging.Logger;

/**
 * The first customer after a start should not pay for the producer's first metadata and the first schema
 * registrations: they are done while starting, beside the rest of the start. Fail-safe: a failure is a WARN, and
 * the first record does the work as before.
 */
@ApplicationScoped
public class ProducerWarmUp {

    private static final Logger log = Logger.getLogger(ProducerWarmUp.class);
    /** The registry may come up after ingest: ask again this long. */
    private static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(60);

    void onStart(@Observes StartupEvent start, EventPublisher publisher, IngestConfig config) {
        IngestConfig.Topics topics = config.topics();
        Map<String, Schema> outputs = new LinkedHashMap<>();
        outputs.put(topics.loginReceived(), LoginReceived.getClassSchema());
        outputs.put(topics.kycReceived(), KycReceived.getClassSchema());
        outputs.put(topics.accountsReady(), AccountsReady.getClassSchema());
        outputs.put(topics.pipelineFailed(), PipelineFailed.getClassSchema());
        outputs.put(topics.tagBindings(), null); // raw claims: metadata only
        ScheduledExecutorService scheduler = SchemaWarmUp.newScheduler();
        run(publisher, outputs, scheduler).whenComplete((done, e) -> scheduler.shutdown());
    }

    /** The warm-up on {@code scheduler}; the future completes at its end, its failures logged as WARNs. */
    static CompletableFuture<Void> run(
            EventPublisher publisher, Map<String, Schema> outputs, ScheduledExecutorService scheduler) {
        long started = System.nanoTime();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        outputs.forEach((topic, schema) -> {
            if (schema != null) {
                schemas.put(topic, schema);
            }
        });
        return CompletableFuture.runAsync(
                        () -> outputs.keySet().forEach(topic -> fetchMetadata(publisher, topic)), scheduler)
                .thenCompose(fetched -> publisher.warmUpSchemas(schemas, REGISTRY_PATIENCE, scheduler))
                .handle((resolved, e) -> {
                    if (e != null) {
                        log.warnf(
                                "Schema warm-up failed (the first records resolve their schemas instead): %s",
                                e.getCause() != null ? e.getCause() : e);
                    } else {
                        log.infof(
                                "Producer warm-up of %s done in %d ms",
                                outputs.keySet(), (System.nanoTime() - started) / 1_000_000);
                    }
                    return null;
                });
    }

    private static void fetchMetadata(EventPublisher publisher, String topic) {
        try {
            publisher.fetchMetadata(topic);
        } catch (RuntimeException e) {
            log.warnf("Producer warm-up of %s failed (its first record does it instead): %s", topic, e);
        }
    }
}
