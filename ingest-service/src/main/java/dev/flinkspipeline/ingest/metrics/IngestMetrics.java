package dev.flinkspipeline.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * The service's metrics (Prometheus names): {@code ingest_requests_total{endpoint,outcome,reason}},
 * {@code ingest_events_emitted_total{type}}, {@code ingest_produce_latency_seconds{type}} (send to
 * acknowledgement), {@code ingest_connect_events_total{step}}, {@code ingest_connect_tag_refused_total{endpoint,reason}},
 * {@code ingest_flinks_token_retries_total} and
 * {@code ingest_webhooks_unhandled_total{reason,login_id}}, and the producer's own {@code kafka_producer_*} (request
 * rate, records per request, batch size, compression rate, buffer use). Label values come from fixed sets
 * (endpoints, problem codes, known Connect steps), never from raw input.
 */
@ApplicationScoped
public class IngestMetrics {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String UNAVAILABLE = "unavailable";
    public static final String FAILED = "failed";
    public static final String NONE = "none";

    @Inject
    MeterRegistry registry;

    public void request(String endpoint, String outcome, String reason) {
        Counter.builder("ingest.requests")
                .description("HTTP requests by endpoint, outcome and reason")
                .tags("endpoint", endpoint, "outcome", outcome, "reason", reason == null ? NONE : reason)
                .register(registry)
                .increment();
    }

    /** Publishes the producer's own metrics; closing the result removes them. */
    public AutoCloseable producer(Producer<?, ?> producer) {
        KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(registry);
        return producerMetrics;
    }

    /** A record acknowledged by Kafka after {@code nanos} since it was sent. */
    public void produced(String type, long nanos) {
        Counter.builder("ingest.events.emitted")
                .description("Events acknowledged by Kafka, by type")
                .tag("type", type)
                .register(registry)
                .increment();
        Timer.builder("ingest.produce.latency")
                .description("Kafka send to acknowledgement (acks=all)")
                .tag("type", type)
                .publishPercentiles(0.5, 0.99)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A Connect callback or relayed event refused because its session is bound otherwise
     * ({@code ingest_connect_tag_refused_total{endpoint,reason}}, reason {@code tag-already-used} or
     * {@code event-conflict}): a tag replayed for other logins, or a login repeated with other content.
     */
    public void tagRefused(String endpoint, String reason) {
        Counter.builder("ingest.connect.tag.refused")
                .description("Connect inputs refused because their session is bound to another login or content")
                .tags("endpoint", endpoint, "reason", reason)
                .register(registry)
                .increment();
    }

    /** GenerateAuthorizeToken calls one Connect session took: {@code ingest_flinks_token_retries_total} counts the repeats. */
    public void tokenAttempts(int attempts) {
        Counter retries = Counter.builder("ingest.flinks.token.retries")
                .description("GenerateAuthorizeToken calls repeated after a transient fault")
                .register(registry);
        if (attempts > 1) {
            retries.increment(attempts - 1);
        }
    }

    public void connectEvent(String step) {
        Counter.builder("ingest.connect.events")
                .description("Relayed Flinks Connect events by step")
                .tag("step", step)
                .register(registry)
                .increment();
    }

    /**
     * A webhook kept raw, acknowledged. {@code loginIdKnown} false means no PipelineFailed could report it
     * on a login: only this count (and the raw record) tells.
     */
    public void webhookUnhandled(String reason, boolean loginIdKnown) {
        Counter.builder("ingest.webhooks.unhandled")
                .description("Webhooks kept raw on the unhandled topic, by reason")
                .tags("reason", reason, "login_id", loginIdKnown ? "present" : "absent")
                .register(registry)
                .increment();
    }
}
