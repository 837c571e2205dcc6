package dev.flinkspipeline.attributes.flinks;

import dev.flinkspipeline.attributes.job.FlinksPort;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** {@link FlinksPort} on the service's {@link BudgetedFlinksCalls}: every call goes through the call budget. */
public final class FlinksClientPort implements FlinksPort {

    private final BudgetedFlinksCalls calls;
    private final AttributeSet attributeSet;

    public FlinksClientPort(BudgetedFlinksCalls calls, AttributeSet attributeSet) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.attributeSet = Objects.requireNonNull(attributeSet, "attributeSet");
    }

    @Override
    public CompletableFuture<FlinksResult<String>> generateAuthorizeToken() {
        return calls.generateAuthorizeTokenText();
    }

    @Override
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId, String authorizeToken) {
        return calls.authorizeCached(loginId, new AuthorizeToken(authorizeToken));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId) {
        // The data already travelled in AccountsReady; Flinks only needs this session's GetAccountsDetail to
        // have run before Attributes, so ask for as little as possible.
        AccountsDetailRequest request = AccountsDetailRequest.builder(requestId)
                .withTransactions(false)
                .withKyc(false)
                .withAccountIdentity(false)
                .build();
        return calls.accountsDetail(request);
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return calls.accountsDetailAsync(requestId);
    }

    @Override
    public CompletableFuture<FlinksResult<AttributesResponse>> attributes(
            String loginId, String requestId, List<String> accountIds) {
        if (attributeSet.isCustom()) {
            return calls.customAttributes(loginId, requestId, attributeSet.customRequest(accountIds));
        }
        return calls.attributes(loginId, requestId, attributeSet.useCase());
    }
}
