package dev.flinkspipeline.service.flinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every Flinks call's timer by endpoint, status, outcome and code; its span under the caller's observation. */
class FlinksCallTelemetryTest {

    @Test
    void timesCallsByEndpointStatusOutcomeAndCode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlinksCallTelemetry metrics = new FlinksCallTelemetry(registry, ObservationRegistry.NOOP);
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                new FlinksResult.Pending<>("OPERATION_PENDING", "r1", "still"),
                Duration.ofMillis(12));
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                new FlinksResult.Pending<>("OPERATION_PENDING", "r2", "still"),
                Duration.ofMillis(8));
        metrics.onCompleted(
                FlinksOperation.AUTHORIZE,
                new FlinksResult.Failure<>(
                        FlinksOperation.AUTHORIZE,
                        FailureClass.TERMINAL,
                        FailureKind.FLINKS_ERROR,
                        "DISABLED_LOGIN",
                        401,
                        "disabled",
                        null,
                        null),
                Duration.ofMillis(3));
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                new FlinksResult.Failure<>(
                        FlinksOperation.GET_ACCOUNTS_DETAIL,
                        FailureClass.RETRY_LATER,
                        FailureKind.TIMEOUT,
                        null,
                        0,
                        "timed out",
                        "r3",
                        null),
                Duration.ofSeconds(30));

        Timer pending = registry.get(FlinksCallTelemetry.TIMER)
                .tag("endpoint", "GetAccountsDetailAsync")
                .tag("status", "202")
                .tag("outcome", "pending")
                .tag("flinks_code", "OPERATION_PENDING")
                .timer();
        assertThat(pending.count()).isEqualTo(2);
        assertThat(registry.get(FlinksCallTelemetry.TIMER)
                        .tag("endpoint", "Authorize")
                        .tag("status", "401")
                        .tag("outcome", "terminal")
                        .tag("flinks_code", "DISABLED_LOGIN")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(FlinksCallTelemetry.TIMER)
                        .tag("endpoint", "GetAccountsDetail")
                        .tag("status", "none")
                        .tag("outcome", "retry_later")
                        .tag("flinks_code", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aCallIsAChildOfTheCallerAndCompletesInItsContext() throws Exception {
        StoppedObservations observations = new StoppedObservations();
        FlinksCallTelemetry calls = new FlinksCallTelemetry(new SimpleMeterRegistry(), observations.registry);
        Observation step = Observation.start("step", observations.registry);
        FlinksCallObserver.Call call =
                step.scoped(() -> calls.started(FlinksOperation.AUTHORIZE, "Authorize", "login-1", "request-1"));
        AtomicReference<Observation> currentAtCompletion = new AtomicReference<>();
        ExecutorService otherThread = Executors.newSingleThreadExecutor();

        try {
            otherThread
                    .submit(() -> call.completed(
                            new FlinksResult.Data<>("ok", 200, new byte[0]),
                            () -> currentAtCompletion.set(observations.registry.getCurrentObservation())))
                    .get(5, TimeUnit.SECONDS);
        } finally {
            otherThread.shutdownNow();
        }

        assertThat(currentAtCompletion.get()).isSameAs(step);
        Observation.Context flinks = observations.stopped.get(0);
        assertThat(flinks.getName()).isEqualTo(FlinksCallTelemetry.SPAN);
        assertThat(flinks.getContextualName()).isEqualTo("flinks Authorize");
        assertThat(flinks.getParentObservation()).isSameAs(step);
        assertThat(flinks.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("data");
        assertThat(flinks.getHighCardinalityKeyValue("flinks.login_id").getValue())
                .isEqualTo("login-1");
    }
}
