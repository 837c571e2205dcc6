package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** The Flinks calls a job makes (results classified, as {@link BudgetedFlinksCalls}). */
public interface FlinksPort {

    /** GenerateAuthorizeToken then Authorize({@code MostRecentCached=true}). */
    CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId);

    /** GetAccountsDetail, filtered to the accounts chosen in Connect when there are any. */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId, List<String> accountIds);

    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId);

    /** {@code options} sets what GetAccountsDetail asks for. */
    static FlinksPort over(BudgetedFlinksCalls calls, UnaryOperator<AccountsDetailRequest.Builder> options) {
        return new FlinksPort() {
            @Override
            public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
                return calls.authorizeCached(loginId);
            }

            @Override
            public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(
                    String requestId, List<String> accountIds) {
                AccountsDetailRequest.Builder request = options.apply(AccountsDetailRequest.builder(requestId));
                if (accountIds != null && !accountIds.isEmpty()) {
                    request.accountsFilter(accountIds);
                }
                return calls.call(flinks -> flinks.getAccountsDetail(request.build()));
            }

            @Override
            public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
                return calls.accountsDetailAsync(requestId);
            }
        };
    }
}
