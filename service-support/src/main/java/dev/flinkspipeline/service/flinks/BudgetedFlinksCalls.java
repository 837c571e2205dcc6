package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.credentials.ProbeVerdict;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Every Flinks call of a service: taken from its {@link FlinksCallBudget} in one lane, vetted by the
 * {@link CredentialsGuard} (a refusal of our own credentials is {@code FailureClass.CREDENTIALS}, never a login's
 * failure), started and completed within the caller's observation. That hop is hand-written: the budget starts a
 * call on whichever thread frees room, so there is no executor to wrap with context-propagation.
 *
 * @param guard vets every result; null: unvetted (the guard's own probes must not wait for a probe)
 */
public record BudgetedFlinksCalls(
        FlinksClient client,
        FlinksCallBudget budget,
        FlinksCallBudget.Lane lane,
        CredentialsGuard guard,
        ObservationRegistry observations) {

    public BudgetedFlinksCalls inLane(FlinksCallBudget.Lane lane) {
        return new BudgetedFlinksCalls(client, budget, lane, guard, observations);
    }

    /**
     * Any call of the client, e.g. {@code call(flinks -> flinks.getAttributes(...))}; completed with the caller's
     * observation current, so what is chained on it continues the caller's trace.
     */
    public <T> CompletableFuture<FlinksResult<T>> call(
            Function<FlinksClient, CompletableFuture<FlinksResult<T>>> call) {
        Observation caller = Objects.requireNonNullElse(observations.getCurrentObservation(), Observation.NOOP);
        CompletableFuture<FlinksResult<T>> budgeted =
                budget.submit(lane, () -> caller.scoped(() -> call.apply(client)));
        CompletableFuture<FlinksResult<T>> vetted = guard == null ? budgeted : budgeted.thenCompose(guard::vet);
        if (caller == Observation.NOOP) {
            return vetted;
        }
        CompletableFuture<FlinksResult<T>> within = vetted.whenCompleteAsync((value, error) -> {}, caller::scoped);
        FlinksCallBudget.cancelling(within, vetted);
        return within;
    }

    public CompletableFuture<FlinksResult<AuthorizeToken>> generateAuthorizeToken() {
        return call(FlinksClient::generateAuthorizeToken);
    }

    @SuppressWarnings("unchecked") // any result but data carries no body: its type parameter is free
    public CompletableFuture<FlinksResult<String>> generateAuthorizeTokenText() {
        return generateAuthorizeToken()
                .thenApply(result -> result instanceof FlinksResult.Data<AuthorizeToken> data
                        ? new FlinksResult.Data<>(data.body().value(), data.httpStatus(), data.rawBody())
                        : (FlinksResult<String>) (FlinksResult<?>) result);
    }

    /** Authorize({@code LoginId}, {@code MostRecentCached=true}) with {@code token}. */
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId, AuthorizeToken token) {
        return call(flinks -> flinks.authorize(AuthorizeRequest.cached(token, loginId)));
    }

    /** GenerateAuthorizeToken then Authorize; a token answer that is not a token is the Authorize result. */
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
        return generateAuthorizeToken().thenCompose(token -> token.thenCall(value -> authorizeCached(loginId, value)));
    }

    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return call(flinks -> flinks.getAccountsDetailAsync(requestId));
    }

    /**
     * Probes {@code credential} with the cheapest call that presents it and nothing of any login's (an unused
     * token expires on its own); call it on unvetted calls: a probe must not wait for a probe.
     */
    public CompletableFuture<ProbeVerdict> probe(Credential credential) {
        CompletableFuture<? extends FlinksResult<?>> answer = switch (credential) {
            case SECRET_KEY -> generateAuthorizeToken();
            case API_KEY -> accountsDetailAsync(ProbeVerdict.NO_SESSION);
        };
        return answer.thenApply(result -> ProbeVerdict.of(credential, result));
    }
}
