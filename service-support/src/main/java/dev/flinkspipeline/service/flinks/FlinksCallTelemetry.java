package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksCallListener;
import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Every Flinks call's timer {@value #TIMER}, tagged {@code endpoint} (Flinks' name), {@code status} (HTTP status,
 * {@code none} without an answer), {@code outcome} ({@link #outcome}) and {@code flinks_code}; and its span
 * {@code flinks <endpoint>} ({@value #SPAN}), a child of the caller's observation with ids only (login, request),
 * never a secret or personal data. The call's future completes within the caller's observation, so the step's
 * next call is the sibling of this one.
 */
public record FlinksCallTelemetry(MeterRegistry meters, ObservationRegistry observations)
        implements FlinksCallListener, FlinksCallObserver {

    public static final String TIMER = "flinks.client.requests";
    public static final String SPAN = "flinks.call";

    @Override
    public void onCompleted(FlinksOperation operation, FlinksResult<?> result, Duration elapsed) {
        String code = switch (result) {
            case FlinksResult.Pending<?> pending -> pending.flinksCode();
            case FlinksResult.Failure<?> failure -> failure.flinksCode();
            default -> null;
        };
        Timer.builder(TIMER)
                .description("Flinks API calls by endpoint, HTTP status and outcome")
                .tag("endpoint", operation.endpoint())
                .tag("status", result.httpStatus() == 0 ? "none" : Integer.toString(result.httpStatus()))
                .tag("outcome", outcome(result))
                .tag("flinks_code", code == null ? "none" : code)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(4))
                .register(meters)
                .record(elapsed);
    }

    @Override
    public Call started(FlinksOperation operation, String endpoint, String loginId, String requestId) {
        Observation parent = observations.getCurrentObservation();
        Observation observation = Observation.createNotStarted(SPAN, observations)
                .contextualName("flinks " + endpoint)
                .parentObservation(parent)
                .lowCardinalityKeyValue("flinks.endpoint", endpoint)
                .highCardinalityKeyValue("flinks.login_id", Objects.requireNonNullElse(loginId, "none"))
                .highCardinalityKeyValue("flinks.request_id", Objects.requireNonNullElse(requestId, "none"))
                .start();
        return (result, completion) -> {
            observation.lowCardinalityKeyValue("outcome", outcome(result));
            observation.highCardinalityKeyValue("http.status", Integer.toString(result.httpStatus()));
            if (result instanceof FlinksResult.Failure<?> failure) {
                observation.highCardinalityKeyValue(
                        "flinks.code", Objects.requireNonNullElse(failure.flinksCode(), "none"));
            }
            observation.stop();
            Objects.requireNonNullElse(parent, Observation.NOOP).scoped(completion);
        };
    }

    /** {@code data}, {@code pending}, {@code mfa}, or the failure class ({@code retry_later}, {@code terminal}...). */
    private static String outcome(FlinksResult<?> result) {
        return switch (result) {
            case FlinksResult.Failure<?> failure ->
                failure.failureClass().name().toLowerCase(Locale.ROOT);
            case FlinksResult.Pending<?> pending -> "pending";
            case FlinksResult.MfaChallenge<?> mfa -> "mfa";
            case FlinksResult.Data<?> data -> "data";
        };
    }
}
