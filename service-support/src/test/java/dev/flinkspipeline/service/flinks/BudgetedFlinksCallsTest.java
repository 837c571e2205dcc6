package dev.flinkspipeline.service.flinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The budgeted calls against the sandbox: every call is taken from the budget, token answers pass through, and
 * a call stays in its caller's trace across the budget's and the client's threads.
 */
class BudgetedFlinksCallsTest {

    private static FlinksSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static FlinksClient client(String secretKey, FlinksCallObserver observer) {
        return SandboxClients.client(sandbox.baseUrl(), secretKey, SandboxConfig.TOOLBOX_API_KEY, observer);
    }

    @Test
    void authorizeCachedTakesTheTokenThenAuthorizeFromTheBudget() throws Exception {
        try (FlinksClient client = client(SandboxConfig.TOOLBOX_SECRET_KEY, FlinksCallObserver.NONE);
                FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(4, 0, 1, 1_000_000))) {
            BudgetedFlinksCalls calls = SandboxClients.calls(client, budget);

            FlinksResult<AuthorizeResponse> unknown =
                    calls.authorizeCached("no-such-login").get();

            assertThat(unknown).isInstanceOf(FlinksResult.Failure.class);
            assertThat(budget.started()).isEqualTo(2); // GenerateAuthorizeToken, then Authorize
            assertThat(calls.generateAuthorizeTokenText().get())
                    .isInstanceOfSatisfying(
                            FlinksResult.Data.class,
                            d -> assertThat((String) d.body()).isNotBlank());
        }
    }

    @Test
    void aTokenFailureIsTheAuthorizeResultAndAuthorizeIsNotCalled() throws Exception {
        try (FlinksClient client = client("not-the-secret-key", FlinksCallObserver.NONE);
                FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(4, 0, 1, 1_000_000))) {
            BudgetedFlinksCalls calls = SandboxClients.calls(client, budget);

            FlinksResult<AuthorizeResponse> result =
                    calls.authorizeCached("any-login").get();

            assertThat(result).isInstanceOfSatisfying(FlinksResult.Failure.class, f -> {
                assertThat(f.failureClass()).isEqualTo(FailureClass.TERMINAL);
                assertThat(f.httpStatus()).isEqualTo(401);
            });
            assertThat(budget.started()).isEqualTo(1);
            assertThat(calls.generateAuthorizeTokenText().get()).isInstanceOf(FlinksResult.Failure.class);
        }
    }

    @Test
    void aCallStartsAndCompletesInItsCallersObservationWhicheverThreadFreesTheBudget() throws Exception {
        StoppedObservations observations = new StoppedObservations();
        ObservationRegistry registry = observations.registry;
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        // Spans come from the observer; the client completes its futures outside any observation.
        FlinksCallObserver spansOnly = (operation, endpoint, loginId, requestId) -> {
            FlinksCallObserver.Call call = new FlinksCallTelemetry(new SimpleMeterRegistry(), registry)
                    .started(operation, endpoint, loginId, requestId);
            return (result, completion) -> {
                call.completed(result, () -> {});
                completion.run();
            };
        };
        try (FlinksClient client = client(SandboxConfig.TOOLBOX_SECRET_KEY, spansOnly);
                FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(1, 0, 1, 1_000_000))) {
            BudgetedFlinksCalls calls =
                    new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.NORMAL, null, registry);
            CompletableFuture<Object> gate = new CompletableFuture<>();
            budget.submit(
                    FlinksCallBudget.Lane.NORMAL,
                    () -> gate); // holds the one permit: the call starts on the thread that frees it
            Observation step = Observation.start("step", registry);
            AtomicReference<Observation> currentInChain = new AtomicReference<>();

            CompletableFuture<?> chained = step.scoped(() -> calls.accountsDetailAsync("no-such-request"))
                    .thenApply(result -> {
                        currentInChain.set(registry.getCurrentObservation());
                        return result;
                    });
            assertThat(budget.queued()).isEqualTo(1);
            otherThread.submit(() -> gate.complete("done")).get(5, TimeUnit.SECONDS);
            chained.get(5, TimeUnit.SECONDS);

            assertThat(observations.stopped)
                    .filteredOn(context -> context.getName().equals(FlinksCallTelemetry.SPAN))
                    .singleElement()
                    .satisfies(call -> assertThat(call.getParentObservation()).isSameAs(step));
            assertThat(currentInChain.get()).isSameAs(step);
            assertThat(registry.getCurrentObservation()).isNull();
        } finally {
            otherThread.shutdownNow();
        }
    }
}
