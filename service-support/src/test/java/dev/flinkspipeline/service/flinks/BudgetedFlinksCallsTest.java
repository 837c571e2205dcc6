package dev.flinkspipeline.service.flinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The budgeted calls against the sandbox: every call is taken from the budget, token answers pass through. */
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

    private static FlinksClient client(String secretKey) {
        return new FlinksClient(FlinksClientConfig.builder()
                .baseUrl(sandbox.baseUrl())
                .customerId(SandboxConfig.TOOLBOX_CUSTOMER_ID)
                .secretKey(secretKey)
                .apiKey(SandboxConfig.TOOLBOX_API_KEY)
                .connectTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(5))
                .accountsDetailTimeout(Duration.ofSeconds(5))
                .build());
    }

    @Test
    void authorizeCachedTakesTheTokenThenAuthorizeFromTheBudget() throws Exception {
        try (FlinksClient client = client(SandboxConfig.TOOLBOX_SECRET_KEY);
                FlinksCallBudget budget = new FlinksCallBudget(FlinksCallBudget.Settings.concurrencyOnly(4))) {
            BudgetedFlinksCalls calls = new BudgetedFlinksCalls(client, budget);

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
        try (FlinksClient client = client("not-the-secret-key");
                FlinksCallBudget budget = new FlinksCallBudget(FlinksCallBudget.Settings.concurrencyOnly(4))) {
            BudgetedFlinksCalls calls = new BudgetedFlinksCalls(client, budget);

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
}
