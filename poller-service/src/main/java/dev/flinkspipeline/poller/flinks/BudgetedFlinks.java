package dev.flinkspipeline.poller.flinks;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.poller.job.FlinksPort;
import dev.flinkspipeline.service.budget.FlinksCallBudget;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The poller's Flinks calls, each one taken from the service's shared call budget. */
public final class BudgetedFlinks implements FlinksPort {

    private final FlinksClient client;
    private final FlinksCallBudget budget;
    private final AccountsDetailOptions options;

    public BudgetedFlinks(FlinksClient client, FlinksCallBudget budget, AccountsDetailOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
        return budget.submit(client::generateAuthorizeToken).thenCompose(token -> {
            if (token instanceof FlinksResult.Data<AuthorizeToken> data) {
                return budget.submit(() -> client.authorize(AuthorizeRequest.cached(data.body(), loginId)));
            }
            return CompletableFuture.completedFuture(retype(token));
        });
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId,
                                                                                 List<String> accountIds) {
        return budget.submit(() -> client.getAccountsDetail(options.request(requestId, accountIds)));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return budget.submit(() -> client.getAccountsDetailAsync(requestId));
    }

    /** A token answer that is not a token, as an Authorize result (the runner treats it like any failure). */
    private static FlinksResult<AuthorizeResponse> retype(FlinksResult<AuthorizeToken> token) {
        if (token instanceof FlinksResult.Failure<AuthorizeToken> failure) {
            return failure.retype();
        }
        if (token instanceof FlinksResult.Pending<AuthorizeToken> pending) {
            return pending.retype();
        }
        return ((FlinksResult.MfaChallenge<AuthorizeToken>) token).retype();
    }
}
