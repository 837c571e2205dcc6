package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The Flinks calls a job makes. Futures complete normally with a classified result for Flinks and network problems. */
public interface FlinksPort {

    /** GenerateAuthorizeToken then Authorize({@code LoginId}, {@code MostRecentCached=true}). */
    CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId);

    /** GetAccountsDetail with the configured options, filtered to {@code accountIds} when not empty. */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId, List<String> accountIds);

    /** GetAccountsDetailAsync. */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId);
}
