package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksCallListener;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Timer {@value #NAME} of every Flinks call, tagged {@code endpoint} (Flinks' name), {@code status} (HTTP
 * status, {@code none} without an answer), {@code outcome} ({@link #outcome}) and {@code flinks_code}.
 */
public final class FlinksCallMetrics implements FlinksCallListener {

    public static final String NAME = "flinks.client.requests";

    private final MeterRegistry registry;

    public FlinksCallMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onCompleted(FlinksOperation operation, FlinksResult<?> result, Duration elapsed) {
        String code = switch (result) {
            case FlinksResult.Pending<?> pending -> pending.flinksCode();
            case FlinksResult.Failure<?> failure -> failure.flinksCode();
            default -> null;
        };
        Timer.builder(NAME)
                .description("Flinks API calls by endpoint, HTTP status and outcome")
                .tag("endpoint", operation.endpoint())
                .tag("status", result.httpStatus() == 0 ? "none" : Integer.toString(result.httpStatus()))
                .tag("outcome", outcome(result))
                .tag("flinks_code", code == null ? "none" : code)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(4))
                .register(registry)
                .record(elapsed);
    }

    /** {@code data}, {@code pending}, {@code mfa}, or the failure class ({@code retry_later}, {@code terminal}...). */
    public static String outcome(FlinksResult<?> result) {
        return switch (result) {
            case FlinksResult.Failure<?> failure ->
                failure.failureClass().name().toLowerCase(Locale.ROOT);
            case FlinksResult.Pending<?> pending -> "pending";
            case FlinksResult.MfaChallenge<?> mfa -> "mfa";
            case FlinksResult.Data<?> data -> "data";
        };
    }
}
