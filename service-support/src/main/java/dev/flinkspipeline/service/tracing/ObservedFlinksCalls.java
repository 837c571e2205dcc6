package dev.flinkspipeline.service.tracing;

import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.flinks.FlinksCallMetrics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * A span {@code flinks <endpoint>} ({@value #NAME}) around every Flinks call, a child of the caller's observation,
 * with ids only (login, request), never a secret or personal data. The call's future completes within the
 * caller's observation, so the step's next call is the sibling of this one.
 */
public record ObservedFlinksCalls(ObservationRegistry registry) implements FlinksCallObserver {

    public static final String NAME = "flinks.call";

    public ObservedFlinksCalls {
        Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Call started(FlinksOperation operation, String endpoint, String loginId, String requestId) {
        Observation parent = registry.getCurrentObservation();
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("flinks " + endpoint)
                .parentObservation(parent)
                .lowCardinalityKeyValue("flinks.endpoint", endpoint)
                .highCardinalityKeyValue("flinks.login_id", Objects.requireNonNullElse(loginId, "none"))
                .highCardinalityKeyValue("flinks.request_id", Objects.requireNonNullElse(requestId, "none"))
                .start();
        return (result, completion) -> {
            observation.lowCardinalityKeyValue("outcome", FlinksCallMetrics.outcome(result));
            observation.highCardinalityKeyValue("http.status", Integer.toString(result.httpStatus()));
            if (result instanceof FlinksResult.Failure<?> failure) {
                observation.highCardinalityKeyValue(
                        "flinks.code", Objects.requireNonNullElse(failure.flinksCode(), "none"));
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
