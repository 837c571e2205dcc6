package dev.flinkspipeline.ingest.kafka;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Thread warmUp = new Thread(() -> run(publisher, outputs), "producer-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    static void run(EventPublisher publisher, Map<String, Schema> outputs) {
        long started = System.nanoTime();
        for (Map.Entry<String, Schema> output : outputs.entrySet()) {
            try {
                publisher.warmUp(output.getKey(), output.getValue(), REGISTRY_PATIENCE);
            } catch (RuntimeException e) {
                log.warnf("Producer warm-up of %s failed (its first record does it instead): %s", output.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.infof("Producer warm-up of %s done in %d ms", outputs.keySet(), (System.nanoTime() - started) / 1_000_000);
    }
}
