package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.client.request.CustomAttributesRequest;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.tracing.TraceContext;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Every Flinks call of a service: taken from the service's one {@link FlinksCallBudget}, its result vetted by
 * the {@link CredentialsGuard} (a fault of our own credentials is {@code FailureClass.CREDENTIALS}, never a
 * login's failure), started and completed within the caller's trace ({@link TraceContext}) whichever thread the
 * budget starts it on. Futures complete normally with a classified result for Flinks and network problems.
 */
public final class BudgetedFlinksCalls {

    private final FlinksClient client;
    private final FlinksCallBudget budget;
    private final FlinksCallBudget.Lane lane;
    private final CredentialsGuard guard;
    private final TraceContext context;

    /** Calls in the budget's NORMAL lane, results unvetted, no trace context. */
    public BudgetedFlinksCalls(FlinksClient client, FlinksCallBudget budget) {
        this(client, budget, FlinksCallBudget.Lane.NORMAL, null, TraceContext.NONE);
    }

    /** @param guard vets every result; null: unvetted (the guard's own probes must not wait for a probe) */
    public BudgetedFlinksCalls(
            FlinksClient client,
            FlinksCallBudget budget,
            FlinksCallBudget.Lane lane,
            CredentialsGuard guard,
            TraceContext context) {
        this.client = Objects.requireNonNull(client, "client");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.guard = guard;
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The same calls in {@code lane} of the budget. */
    public BudgetedFlinksCalls inLane(FlinksCallBudget.Lane lane) {
        return new BudgetedFlinksCalls(client, budget, lane, guard, context);
    }

    /** GenerateAuthorizeToken. */
    public CompletableFuture<FlinksResult<AuthorizeToken>> generateAuthorizeToken() {
        return vetted(client::generateAuthorizeToken);
    }

    /** GenerateAuthorizeToken, then its value as text (any other result passed on). */
    public CompletableFuture<FlinksResult<String>> generateAuthorizeTokenText() {
        return generateAuthorizeToken().thenApply(BudgetedFlinksCalls::tokenText);
    }

    /** Authorize({@code LoginId}, {@code MostRecentCached=true}) with a token already generated. */
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId, AuthorizeToken token) {
        AuthorizeRequest request = AuthorizeRequest.cached(token, loginId);
        return vetted(() -> client.authorize(request));
    }

    /** GenerateAuthorizeToken then Authorize; a token answer that is not a token is the Authorize result. */
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
        return generateAuthorizeToken().thenCompose(token -> token.thenCall(value -> authorizeCached(loginId, value)));
    }

    /** GetAccountsDetail. */
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(AccountsDetailRequest request) {
        return vetted(() -> client.getAccountsDetail(request));
    }

    /** GetAccountsDetailAsync (after a 202). */
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return vetted(() -> client.getAccountsDetailAsync(requestId));
    }

    /** One use-case package of Attributes. */
    public CompletableFuture<FlinksResult<AttributesResponse>> attributes(
            String loginId, String requestId, AttributesUseCase useCase) {
        return vetted(() -> client.getAttributes(loginId, requestId, useCase));
    }

    /** A custom selection of Attributes. */
    public CompletableFuture<FlinksResult<AttributesResponse>> customAttributes(
            String loginId, String requestId, CustomAttributesRequest body) {
        return vetted(() -> client.getCustomAttributes(loginId, requestId, body));
    }

    private <T> CompletableFuture<FlinksResult<T>> vetted(Supplier<CompletableFuture<FlinksResult<T>>> call) {
        TraceContext.Captured caller = context.capture();
        CompletableFuture<FlinksResult<T>> budgeted = budget.submit(lane, () -> caller.call(call));
        return caller.completeWithin(guard == null ? budgeted : budgeted.thenCompose(guard::vet));
    }

    @SuppressWarnings("unchecked") // any result but data carries no body: its type parameter is free
    private static FlinksResult<String> tokenText(FlinksResult<AuthorizeToken> result) {
        return result instanceof FlinksResult.Data<AuthorizeToken> data
                ? new FlinksResult.Data<>(data.body().value(), data.httpStatus(), data.rawBody())
                : (FlinksResult<String>) (FlinksResult<?>) result;
    }
}
