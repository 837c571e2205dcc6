package dev.flinkspipeline.attributes.flinks;

import dev.flinkspipeline.attributes.job.FlinksPort;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.service.budget.FlinksCallBudget;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link FlinksPort} on the shared {@link FlinksClient}, every call going through the service's call budget. */
public final class FlinksClientPort implements FlinksPort {

    private final FlinksClient client;
    private final FlinksCallBudget budget;
    private final AttributeSet attributeSet;

    public FlinksClientPort(FlinksClient client, FlinksCallBudget budget, AttributeSet attributeSet) {
        this.client = Objects.requireNonNull(client, "client");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.attributeSet = Objects.requireNonNull(attributeSet, "attributeSet");
    }

    @Override
    public CompletableFuture<FlinksResult<String>> generateAuthorizeToken() {
        return budget.submit(client::generateAuthorizeToken).thenApply(FlinksClientPort::tokenText);
    }

    @Override
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId, String authorizeToken) {
        AuthorizeRequest request = AuthorizeRequest.cached(new AuthorizeToken(authorizeToken), loginId);
        return budget.submit(() -> client.authorize(request));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId) {
        // The data already travelled in AccountsReady; Flinks only needs this session's GetAccountsDetail to
        // have run before Attributes, so ask for as little as possible.
        AccountsDetailRequest request = AccountsDetailRequest.builder(requestId)
                .withTransactions(false).withKyc(false).withAccountIdentity(false).build();
        return budget.submit(() -> client.getAccountsDetail(request));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return budget.submit(() -> client.getAccountsDetailAsync(requestId));
    }

    @Override
    public CompletableFuture<FlinksResult<AttributesResponse>> attributes(String loginId, String requestId,
                                                                         List<String> accountIds) {
        if (attributeSet.isCustom()) {
            var body = attributeSet.customRequest(accountIds);
            return budget.submit(() -> client.getCustomAttributes(loginId, requestId, body));
        }
        return budget.submit(() -> client.getAttributes(loginId, requestId, attributeSet.useCase()));
    }

    private static FlinksResult<String> tokenText(FlinksResult<AuthorizeToken> result) {
        if (result instanceof FlinksResult.Data<AuthorizeToken> data) {
            return new FlinksResult.Data<>(data.body().value(), data.httpStatus(), data.rawBody());
        }
        if (result instanceof FlinksResult.Failure<AuthorizeToken> failure) {
            return failure.retype();
        }
        if (result instanceof FlinksResult.Pending<AuthorizeToken> pending) {
            return pending.retype();
        }
        return ((FlinksResult.MfaChallenge<AuthorizeToken>) result).retype();
    }
}
