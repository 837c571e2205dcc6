package dev.flinkspipeline.poller.flinks;

import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.poller.job.FlinksPort;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The poller's Flinks calls, each one taken from the service's shared call budget. */
public final class BudgetedFlinks implements FlinksPort {

    private final BudgetedFlinksCalls calls;
    private final AccountsDetailOptions options;

    public BudgetedFlinks(BudgetedFlinksCalls calls, AccountsDetailOptions options) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
        return calls.authorizeCached(loginId);
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(
            String requestId, List<String> accountIds) {
        return calls.accountsDetail(options.request(requestId, accountIds));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return calls.accountsDetailAsync(requestId);
    }
}
