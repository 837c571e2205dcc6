package dev.flinkspipeline.ingest.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * The Kafka hop of a request's trace: a producer span per record, a child of the current span (the HTTP
 * request's server span, which continues the caller's {@code traceparent}), whose W3C {@code traceparent}
 * header ({@code CloudEventHeaders.TRACEPARENT}) the record carries on to the services that read it. The producer is a plain Kafka client (no framework
 * instruments it), so the span and the header are made here, with Quarkus' OpenTelemetry. With the SDK
 * disabled (the default, see application.properties) both are no-ops: no span, no header.
 */
@ApplicationScoped
public class ProducerSpans {

    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
        if (headers != null && value != null) {
            headers.remove(key);
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    @Inject
    OpenTelemetry telemetry;

    /** Starts the span of sending {@code record} and writes its trace into the record's headers. */
    public Span started(ProducerRecord<?, ?> record) {
        Span span = telemetry
                .getTracer("flinks-pipeline.ingest")
                .spanBuilder(record.topic() + " send")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", record.topic())
                .startSpan();
        telemetry
                .getPropagators()
                .getTextMapPropagator()
                .inject(Context.current().with(span), record.headers(), HEADERS);
        return span;
    }

    /** Ends the span when Kafka acknowledged the record, or refused it ({@code error}). */
    public static void ended(Span span, Exception error) {
        if (error != null) {
            span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        }
        span.end();
    }
}
