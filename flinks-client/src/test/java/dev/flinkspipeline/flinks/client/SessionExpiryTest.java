package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FlinksResult.Failure;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An expired RequestId (idle timeout compressed to 300 ms) means: authorize again. */
class SessionExpiryTest {

    private static FlinksSandbox sandbox;
    private static FlinksClient client;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .pendingPolls(0)
                .requestIdIdleTimeout(Duration.ofMillis(300))
                .build());
        client = new FlinksClient(TestConfigs.forBaseUrl(sandbox.baseUrl()).build());
    }

    @AfterAll
    static void stop() {
        client.close();
        sandbox.close();
    }

    @Test
    void expiredRequestIdIsReauthorize() throws Exception {
        CreatedLogin login = new SandboxAdminClient(sandbox.baseUrl()).createLogin(0);
        AuthorizeToken token =
                client.generateAuthorizeToken().get(10, TimeUnit.SECONDS).dataOrNull();
        String requestId = client.authorize(AuthorizeRequest.cached(token, login.loginId()))
                .get(10, TimeUnit.SECONDS)
                .dataOrNull()
                .requestId();

        Thread.sleep(600); // let the session go idle past its 300 ms timeout

        Failure<?> attributes = GarbageResponsesTest.asFailure(
                client.getAttributes(login.loginId(), requestId, AttributesUseCase.INCOME)
                        .get(10, TimeUnit.SECONDS));
        assertThat(attributes.flinksCode()).isEqualTo(FlinksCodes.SESSION_EXPIRED);
        assertThat(attributes.failureClass()).isEqualTo(FailureClass.REAUTHORIZE);

        Failure<?> detail = GarbageResponsesTest.asFailure(
                client.getAccountsDetail(AccountsDetailRequest.of(requestId)).get(10, TimeUnit.SECONDS));
        assertThat(detail.flinksCode()).isIn(FlinksCodes.SESSION_NONEXISTENT, FlinksCodes.SESSION_EXPIRED);
        assertThat(detail.failureClass()).isEqualTo(FailureClass.REAUTHORIZE);
        assertThat(detail.requestId()).isEqualTo(requestId);
    }
}
