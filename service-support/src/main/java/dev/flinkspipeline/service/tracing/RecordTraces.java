package dev.flinkspipeline.service.tracing;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka hops of a trace, record by record: a consumer span per consumed record's {@code traceparent}, and
 * the {@code traceparent} of a producer span under it for each record written for it. Hand-written: the services
 * consume in batches of many traces, and spring-kafka observes single records and sends in the thread's trace.
 */
public record RecordTraces(ObservationRegistry registry) {

    public static final String CONSUMED = "pipeline.record.process";
    public static final String PRODUCED = "pipeline.record.send";

    private static final String LISTENER = "pipeline.listener";

    public RecordTraces {
        Objects.requireNonNull(registry, "registry");
    }

    /**
     * The started consumer span of the work on one record, named after {@code listener}; stop it when that work
     * ends. {@code traceparent} null: a trace starts here.
     */
    public Observation consumed(String listener, String traceparent, String loginId) {
        ReceiverContext<String> context =
                new ReceiverContext<>((carrier, key) -> CloudEventHeaders.TRACEPARENT.equals(key) ? carrier : null);
        context.setCarrier(traceparent);
        context.setRemoteServiceName("kafka");
        return Observation.createNotStarted(CONSUMED, () -> context, registry)
                .contextualName(listener + " process")
                .lowCardinalityKeyValue(LISTENER, listener)
                .highCardinalityKeyValue("flinks.login_id", Objects.requireNonNullElse(loginId, "none"))
                .start();
    }

    /** The {@code traceparent} of a producer span under {@code step}; {@code fallback} without a tracer. */
    public String produced(Observation step, String fallback) {
        Map<String, String> headers = new HashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(headers);
        context.setRemoteServiceName("kafka");
        KeyValue listener = step.getContextView().getLowCardinalityKeyValue(LISTENER);
        String name = listener == null ? "record" : listener.getValue();
        Observation.createNotStarted(PRODUCED, () -> context, registry)
                .contextualName(name + " send")
                .parentObservation(step)
                .lowCardinalityKeyValue(LISTENER, name)
                .start()
                .stop();
        return headers.getOrDefault(CloudEventHeaders.TRACEPARENT, fallback);
    }
}
