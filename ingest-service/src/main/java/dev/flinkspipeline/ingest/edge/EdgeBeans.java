package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the edge's pieces from {@code ingest.http.*}; settings that cannot work fail the start. */
public class EdgeBeans {

    /** Default budget: this share of the maximum heap (a body costs several times its size while mapped). */
    static final int HEAP_SHARE = 8;

    @Produces
    @Singleton
    BodyLimits bodyLimits(IngestConfig config) {
        return new BodyLimits(config.webhook().maxBodySize().asLongValue(), config.connect().maxBodySize().asLongValue());
    }

    @Produces
    @Singleton
    BodyBudget bodyBudget(IngestConfig config, BodyLimits limits) {
        long capacity = config.http().bodyBudget().map(MemorySize::asLongValue)
                .orElse(Math.max(Runtime.getRuntime().maxMemory() / HEAP_SHARE, limits.largest()));
        if (capacity < limits.largest()) {
            throw new IllegalArgumentException("ingest.http.body-budget (INGEST_HTTP_BODY_BUDGET, " + capacity
                    + " bytes) must be at least the largest body limit (" + limits.largest()
                    + " bytes, ingest.webhook.max-body-size): such a body could never be read");
        }
        return new BodyBudget(capacity);
    }

    @Produces
    @Singleton
    BodyPace bodyPace(IngestConfig config) {
        IngestConfig.Http http = config.http();
        return BodyPace.of(http.bodyGrace(), http.bodyMinRate().asLongValue(), http.bodyTimeout());
    }

    /**
     * The idle timeout closes a connection on which nothing moved either way; an answer that is still
     * being computed moves nothing, so the timeout must outlast the longest wait of an endpoint.
     */
    void checkIdleTimeout(@Observes StartupEvent start, IngestConfig config, BodyBudget budget,
                          @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        Duration longest = longestWait(config);
        if (idleTimeout.compareTo(longest) <= 0) {
            throw new IllegalArgumentException("quarkus.http.idle-timeout (QUARKUS_HTTP_IDLE_TIMEOUT, " + idleTimeout
                    + ") must exceed the longest wait for an answer (" + longest + ": the Kafka ack timeouts, "
                    + "ingest.flinks.connect-timeout + request-timeout + 1 s)");
        }
    }

    static Duration longestWait(IngestConfig config) {
        Duration flinks = config.flinks().connectTimeout().plus(config.flinks().requestTimeout()).plusSeconds(1);
        return Stream.of(config.webhook().ackTimeout(), config.connect().ackTimeout(), flinks)
                .max(Duration::compareTo).orElseThrow();
    }
}
