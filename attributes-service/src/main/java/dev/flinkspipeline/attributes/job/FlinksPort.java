package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Flinks calls an Attributes job makes. Futures complete normally with a classified result for every
 * server or transport problem (the flinks-client contract).
 */
public interface FlinksPort {

    /** GenerateAuthorizeToken: a one-time token for the next Authorize. */
    CompletableFuture<FlinksResult<String>> generateAuthorizeToken();

    /** Authorize(LoginId, MostRecentCached=true) with that token. */
    CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId, String authorizeToken);

    /** GetAccountsDetail on a fresh session, asking for as little as possible (the data is already in Kafka). */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId);

    /** GetAccountsDetailAsync after a 202. */
    CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId);

    /** The configured Attributes call; {@code accountIds} is the AccountFilter of a custom set (may be empty). */
    CompletableFuture<FlinksResult<AttributesResponse>> attributes(
            String loginId, String requestId, List<String> accountIds);
}
