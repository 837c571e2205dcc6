package dev.flinkspipeline.service.tracing;

import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.flinks.FlinksCallMetrics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * A span around every Flinks call: observation {@value #NAME}, named {@code flinks <endpoint>}, a child of the
 * caller's current observation (the job step it belongs to). Low-cardinality keys {@code flinks.endpoint} and
 * {@code outcome} (as {@link FlinksCallMetrics}); high-cardinality {@code flinks.login_id} and
 * {@code flinks.request_id}, ids only, never a secret, token or personal data. The call's future completes
 * within the caller's context, so the next call of the step is its sibling.
 */
public final class ObservedFlinksCalls implements FlinksCallObserver {

    public static final String NAME = "flinks.call";

    private final ObservationRegistry registry;

    public ObservedFlinksCalls(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Call started(FlinksOperation operation, String endpoint, String loginId, String requestId) {
        Observation parent = registry.getCurrentObservation();
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("flinks " + endpoint)
                .parentObservation(parent)
                .lowCardinalityKeyValue("flinks.endpoint", endpoint)
                .highCardinalityKeyValue("flinks.login_id", loginId == null ? "none" : loginId)
                .highCardinalityKeyValue("flinks.request_id", requestId == null ? "none" : requestId)
                .start();
        return (result, completion) -> {
            observation.lowCardinalityKeyValue("outcome", FlinksCallMetrics.outcome(result));
            observation.highCardinalityKeyValue("http.status", Integer.toString(result.httpStatus()));
            if (result instanceof FlinksResult.Failure<?> failure) {
                observation.highCardinalityKeyValue(
                        "flinks.code", failure.flinksCode() == null ? "none" : failure.flinksCode());
            }
            observation.stop();
            if (parent == null) {
                completion.run();
            } else {
                parent.scoped(completion);
            }
        };
    }
}
