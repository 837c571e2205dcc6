package dev.flinkspipeline.e2e;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the sandbox holds for a login, read through the Flinks API with the project's own client, the way
 * any Flinks integrator would: the reference the pipeline's events are compared with. Called only after
 * the pipeline is done with the login, so that its session does not disturb the pipeline's.
 */
final class SandboxData implements AutoCloseable {

    private final FlinksClient client;

    SandboxData(String sandboxUrl) {
        this.client = FlinksClient.create(FlinksClientConfig.builder()
                .baseUrl(sandboxUrl)
                .customerId(LocalSecrets.FLINKS_CUSTOMER_ID)
                .secretKey(LocalSecrets.FLINKS_SECRET_KEY)
                .apiKey(LocalSecrets.FLINKS_API_KEY)
                .requestTimeout(Duration.ofSeconds(20))
                .build());
    }

    /** A fresh cached session on {@code loginId}: its requestId. */
    String authorize(String loginId) {
        AuthorizeToken token = data(client.generateAuthorizeToken().join(), "GenerateAuthorizeToken");
        AuthorizeResponse session =
                data(client.authorize(AuthorizeRequest.cached(token, loginId)).join(), "Authorize");
        return session.requestId();
    }

    /** GetAccountsDetail with everything (KYC, identity, transactions over {@code days}), polled until 200. */
    AccountsDetailResponse accountsDetail(String requestId, DaysOfTransactions days) {
        FlinksResult<AccountsDetailResponse> result = client.getAccountsDetail(
                        AccountsDetailRequest.everything(requestId, days))
                .join();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (result instanceof FlinksResult.Pending<?> && System.nanoTime() < deadline) {
            pause();
            result = client.getAccountsDetailAsync(requestId).join();
        }
        return data(result, "GetAccountsDetail");
    }

    /** One Attributes use case on a session whose GetAccountsDetail completed, polled until 200. */
    AttributesResponse attributes(String loginId, String requestId, AttributesUseCase useCase) {
        FlinksResult<AttributesResponse> result =
                client.getAttributes(loginId, requestId, useCase).join();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (result instanceof FlinksResult.Pending<?> && System.nanoTime() < deadline) {
            pause();
            result = client.getAttributes(loginId, requestId, useCase).join();
        }
        return data(result, "Attributes " + useCase);
    }

    private static <T> T data(FlinksResult<T> result, String what) {
        T body = result.dataOrNull();
        if (body == null) {
            throw new AssertionError("sandbox " + what + " answered " + result);
        }
        return body;
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
