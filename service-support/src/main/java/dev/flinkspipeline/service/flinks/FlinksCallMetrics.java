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
 * Flinks latency by endpoint and status: a timer {@value #NAME} tagged {@code endpoint} (Flinks' own
 * name, e.g. {@code GetAccountsDetailAsync}), {@code status} (HTTP status, {@code none} when no answer
 * arrived), {@code outcome} ({@code data}, {@code pending}, {@code mfa}, {@code retry_later},
 * {@code reauthorize}, {@code terminal}) and {@code flinks_code} ({@code none} when absent). Plug it
 * into the client with {@code FlinksClientConfig.Builder#callListener}.
 */
public final class FlinksCallMetrics implements FlinksCallListener {

    public static final String NAME = "flinks.client.requests";

    private final MeterRegistry registry;

    public FlinksCallMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void onCompleted(FlinksOperation operation, FlinksResult<?> result, Duration elapsed) {
        Timer.builder(NAME)
                .description("Flinks API calls by endpoint, HTTP status and outcome")
                .tag("endpoint", operation.endpoint())
                .tag("status", result.httpStatus() == 0 ? "none" : Integer.toString(result.httpStatus()))
                .tag("outcome", outcome(result))
                .tag("flinks_code", flinksCode(result))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(4))
                .register(registry)
                .record(elapsed);
    }

    /** The outcome tag of a result. */
    public static String outcome(FlinksResult<?> result) {
        if (result instanceof FlinksResult.Failure<?> failure) {
            return failure.failureClass().name().toLowerCase(Locale.ROOT);
        }
        if (result instanceof FlinksResult.Pending<?>) {
            return "pending";
        }
        return result instanceof FlinksResult.MfaChallenge<?> ? "mfa" : "data";
    }

    private static String flinksCode(FlinksResult<?> result) {
        String code = null;
        if (result instanceof FlinksResult.Pending<?> pending) {
            code = pending.flinksCode();
        } else if (result instanceof FlinksResult.Failure<?> failure) {
            code = failure.flinksCode();
        }
        return code == null ? "none" : code;
    }
}
