package dev.flinkspipeline.attributes.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksCodes;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A scripted stand-in for Flinks in unit tests of the attempt state machine (the integration tests run
 * against the real sandbox): each call takes the next scripted answer of its operation, or a success.
 */
class ScriptedFlinks implements FlinksPort {

    private final Map<FlinksOperation, Deque<Function<String, FlinksResult<?>>>> script =
            new EnumMap<>(FlinksOperation.class);
    final List<String> calls = new ArrayList<>();
    private int sessions;

    ScriptedFlinks then(FlinksOperation op, Function<String, FlinksResult<?>> answer) {
        script.computeIfAbsent(op, o -> new ArrayDeque<>()).add(answer);
        return this;
    }

    static FlinksResult<?> failure(FlinksOperation op, String code, int status) {
        FailureClass cls = FlinksCodes.classify(code, status);
        return new FlinksResult.Failure<>(
                op,
                cls,
                code == null ? FailureKind.HTTP_ERROR : FailureKind.FLINKS_ERROR,
                code,
                status,
                "scripted " + code,
                null,
                null);
    }

    /** A refusal of our own credentials, as the credentials guard hands it on once a probe confirmed it. */
    static FlinksResult<?> credentials(FlinksOperation op, String code, int status) {
        return new FlinksResult.Failure<>(
                op,
                FailureClass.CREDENTIALS,
                code == null ? FailureKind.HTTP_ERROR : FailureKind.FLINKS_ERROR,
                code,
                status,
                "scripted refusal",
                null,
                null);
    }

    static FlinksResult<?> pending(String requestId) {
        return new FlinksResult.Pending<>(FlinksCodes.OPERATION_PENDING, requestId, "pending");
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<FlinksResult<T>> answer(FlinksOperation op, String arg, FlinksResult<?> success) {
        calls.add(op.endpoint() + (arg == null ? "" : ":" + arg));
        Deque<Function<String, FlinksResult<?>>> q = script.get(op);
        FlinksResult<?> r = q == null || q.isEmpty() ? success : q.poll().apply(arg);
        return CompletableFuture.completedFuture((FlinksResult<T>) r);
    }

    public CompletableFuture<FlinksResult<String>> generateAuthorizeToken() {
        return answer(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, null, new FlinksResult.Data<>("token", 200, null));
    }

    /** As BudgetedFlinksCalls: a token answer that is not a token is the Authorize result. */
    @Override
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
        return generateAuthorizeToken().thenCompose(token -> token.thenCall(value -> authorize(loginId)));
    }

    private CompletableFuture<FlinksResult<AuthorizeResponse>> authorize(String loginId) {
        String requestId = "new-" + (++sessions);
        return answer(
                FlinksOperation.AUTHORIZE,
                loginId,
                new FlinksResult.Data<>(
                        new AuthorizeResponse(200, requestId, "FlinksCapital", null, null, null, null, null),
                        200,
                        null));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(String requestId) {
        return answer(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                requestId,
                new FlinksResult.Data<>(accounts(requestId), 200, null));
    }

    @Override
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
        return answer(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                requestId,
                new FlinksResult.Data<>(accounts(requestId), 200, null));
    }

    @Override
    public CompletableFuture<FlinksResult<AttributesResponse>> attributes(
            String loginId, String requestId, List<String> accountIds) {
        ObjectNode card =
                JsonNodeFactory.instance.objectNode().put("Id", loginId).put("Score", 7);
        return answer(
                FlinksOperation.GET_ATTRIBUTES,
                requestId,
                new FlinksResult.Data<>(new AttributesResponse(200, requestId, null, card, null, null), 200, null));
    }

    private static AccountsDetailResponse accounts(String requestId) {
        try {
            return FlinksJson.mapper()
                    .readValue(
                            "{\"HttpStatusCode\":200,\"RequestId\":\"" + requestId + "\",\"Accounts\":[]}",
                            AccountsDetailResponse.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
