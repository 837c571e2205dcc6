package dev.flinkspipeline.ingest.edge;

import dev.flinkspipeline.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the edge's pieces from {@code ingest.http.*}; settings that cannot work fail the start. */
public class EdgeBeans {

    /** Default budget: this share of the maximum heap (a body costs several times its size while mapped). */
    static final int HEAP_SHARE = 8;

    @Produces
    @Singleton
    BodyLimits bodyLimits(IngestConfig config) {
        return new BodyLimits(
                config.webhook().maxBodySize().asLongValue(),
                config.connect().maxBodySize().asLongValue());
    }

    @Produces
    @Singleton
    BodyBudget bodyBudget(IngestConfig config, BodyLimits limits) {
        return new BodyBudget(budgetCapacity(
                config.http().bodyBudget().map(MemorySize::asLongValue),
                Runtime.getRuntime().maxMemory(),
                limits.largest()));
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
    void checkIdleTimeout(
            @Observes StartupEvent start,
            IngestConfig config,
            @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        checkIdleTimeout(
                idleTimeout,
                config.webhook().ackTimeout(),
                config.connect().ackTimeout(),
                config.flinks()
                        .connectTimeout()
                        .plus(config.flinks().requestTimeout())
                        .plusSeconds(1));
    }

    /**
     * The edge guards HTTP/1.1 connections only (a TLS-terminating load balancer in front speaks HTTP/1.1 to
     * the service): with HTTP/2 on, cleartext HTTP/2 (h2c) would be served past the header deadlines.
     */
    void checkHttp1Only(@Observes StartupEvent start, @ConfigProperty(name = "quarkus.http.http2") boolean http2) {
        checkHttp1Only(http2);
    }

    static void checkHttp1Only(boolean http2) {
        if (http2) {
            throw new IllegalArgumentException("quarkus.http.http2 (QUARKUS_HTTP_HTTP2) must be false: the edge "
                    + "guards HTTP/1.1 only, and cleartext HTTP/2 would pass its header deadlines (docs/ingest.md)");
        }
    }

    /** The configured budget, else a share of the heap; never less than the largest body limit. */
    static long budgetCapacity(Optional<Long> configured, long maxHeap, long largestLimit) {
        long capacity = configured.orElse(Math.max(maxHeap / HEAP_SHARE, largestLimit));
        if (capacity < largestLimit) {
            throw new IllegalArgumentException("ingest.http.body-budget (INGEST_HTTP_BODY_BUDGET, " + capacity
                    + " bytes) must be at least the largest body limit (" + largestLimit
                    + " bytes, ingest.webhook.max-body-size): such a body could never be read");
        }
        return capacity;
    }

    /** The header timeout, when it can work: a connection must have some time to send its next head. */
    static Duration checkHeaderTimeout(Duration headerTimeout) {
        if (headerTimeout.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "ingest.http.header-timeout (INGEST_HTTP_HEADER_TIMEOUT, " + headerTimeout + ") must be positive");
        }
        return headerTimeout;
    }

    /** @param waits how long each endpoint may wait before it answers */
    static void checkIdleTimeout(Duration idleTimeout, Duration... waits) {
        Duration longest = Stream.of(waits).max(Duration::compareTo).orElse(Duration.ZERO);
        if (idleTimeout.compareTo(longest) <= 0) {
            throw new IllegalArgumentException("quarkus.http.idle-timeout (QUARKUS_HTTP_IDLE_TIMEOUT, " + idleTimeout
                    + ") must exceed the longest wait for an answer (" + longest + ": the Kafka ack timeouts, "
                    + "ingest.flinks.connect-timeout + request-timeout + 1 s)");
        }
    }
}
