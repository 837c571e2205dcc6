package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The Flinks calls an Attributes job makes (results classified, as {@link BudgetedFlinksCalls}). */
public interface FlinksPort {

    /** GenerateAuthorizeToken then Authorize(LoginId, MostRecentCached=true). */
    CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId);

    /** GetAccountsDetail on a fresh session, asking for as little as possible (the data is already in Kafka). */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId);

    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId);

    /** The configured Attributes call; {@code accountIds} is the AccountFilter of a custom set (may be empty). */
    CompletableFuture<FlinksResult<AttributesResponse>> attributes(
            String loginId, String requestId, List<String> accountIds);

    static FlinksPort over(BudgetedFlinksCalls calls, AttributeSet attributeSet) {
        return new FlinksPort() {
            @Override
            public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
                return calls.authorizeCached(loginId);
            }

            @Override
            public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId) {
                // Attributes only needs this session's GetAccountsDetail to have run.
                AccountsDetailRequest request = AccountsDetailRequest.builder(requestId)
                        .withTransactions(false)
                        .withKyc(false)
                        .withAccountIdentity(false)
                        .build();
                return calls.call(flinks -> flinks.getAccountsDetail(request));
            }

            @Override
            public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
                return calls.accountsDetailAsync(requestId);
            }

            @Override
            public CompletableFuture<FlinksResult<AttributesResponse>> attributes(
                    String loginId, String requestId, List<String> accountIds) {
                return attributeSet.isCustom()
                        ? calls.call(
                                f -> f.getCustomAttributes(loginId, requestId, attributeSet.customRequest(accountIds)))
                        : calls.call(f -> f.getAttributes(loginId, requestId, attributeSet.useCase()));
            }
        };
    }
}
