package dev.flinkspipeline.service.tracing;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka hops of a trace, record by record. The services consume in batches, and one batch holds records
 * of many traces: spring-kafka's listener observation covers single records only, and its template
 * observation takes the trace current on the sending thread, which for a batch is none of them. So each
 * consumed record's {@code traceparent} starts a consumer span of its own ({@link #consumed}), the work done
 * for that record runs within it, and each record written for it carries the {@code traceparent} of a
 * producer span under it ({@link #produced}): one trace from the record in to the records out.
 *
 * <p>Without a tracer (no tracing on the classpath) the {@code traceparent} read is passed on unchanged.
 */
public final class RecordTraces {

    public static final String CONSUMED = "pipeline.record.process";
    public static final String PRODUCED = "pipeline.record.send";

    /** No tracing: the trace read is written on unchanged. */
    public static final RecordTraces NONE = new RecordTraces(ObservationRegistry.NOOP);

    private final ObservationRegistry registry;

    public RecordTraces(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * The started consumer span of the work on one record (stop it when that work ends).
     *
     * @param name        what the work is (the listener), the span's name
     * @param traceparent the record's W3C {@code traceparent}, or null: a trace starts here
     * @param loginId     the login the record is about (an id, no personal data)
     */
    public Observation consumed(String name, String traceparent, String loginId) {
        ReceiverContext<String> context =
                new ReceiverContext<>((carrier, key) -> CloudEventHeaders.TRACEPARENT.equals(key) ? carrier : null);
        context.setCarrier(traceparent);
        context.setRemoteServiceName("kafka");
        return Observation.createNotStarted(CONSUMED, () -> context, registry)
                .contextualName(name + " process")
                .lowCardinalityKeyValue("pipeline.listener", name)
                .highCardinalityKeyValue("flinks.login_id", loginId == null ? "none" : loginId)
                .start();
    }

    /**
     * The {@code traceparent} for a record written for {@code step}'s record: that of a producer span under
     * {@code step}; {@code fallback} (the trace read) when there is no tracer.
     */
    public String produced(Observation step, String fallback) {
        Map<String, String> headers = new HashMap<>();
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(headers);
        context.setRemoteServiceName("kafka");
        String listener = step.getContextView().getLowCardinalityKeyValue("pipeline.listener") == null
                ? "record"
                : step.getContextView()
                        .getLowCardinalityKeyValue("pipeline.listener")
                        .getValue();
        Observation.createNotStarted(PRODUCED, () -> context, registry)
                .contextualName(listener + " send")
                .parentObservation(step)
                .lowCardinalityKeyValue("pipeline.listener", listener)
                .start()
                .stop();
        String traceparent = headers.get(CloudEventHeaders.TRACEPARENT);
        return traceparent != null ? traceparent : fallback;
    }
}
