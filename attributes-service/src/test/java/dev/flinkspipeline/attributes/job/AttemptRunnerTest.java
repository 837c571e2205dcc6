package dev.flinkspipeline.attributes.job;

import static dev.flinkspipeline.flinks.client.FlinksOperation.AUTHORIZE;
import static dev.flinkspipeline.flinks.client.FlinksOperation.GET_ACCOUNTS_DETAIL;
import static dev.flinkspipeline.flinks.client.FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC;
import static dev.flinkspipeline.flinks.client.FlinksOperation.GET_ATTRIBUTES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.job.AttemptResult.Failed;
import dev.flinkspipeline.attributes.job.AttemptResult.Fetched;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.flinks.client.FlinksCodes;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptRunnerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SessionPolicy sessions = new SessionPolicy(Duration.ofMinutes(8), Duration.ofMinutes(1));
    private final ScriptedFlinks flinks = new ScriptedFlinks();

    private AttemptResult run(Job job) {
        return new AttemptRunner(flinks, sessions, clock, 2, true).run(job).join();
    }

    private static Job reuseJob(Instant lastUsed) {
        return Job.start(
                "login",
                "req-0",
                Job.POLL,
                NOW.minusSeconds(600),
                "UserAnalysis",
                List.of(),
                true,
                lastUsed,
                NOW,
                NOW.plus(Duration.ofMinutes(30)));
    }

    private static Job authorizeJob() {
        return Job.start(
                "login",
                "req-0",
                Job.WEBHOOK,
                null,
                "UserAnalysis",
                List.of(),
                false,
                null,
                NOW,
                NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void reusePathCallsOnlyAttributesWithTheAccountsReadyRequestId() {
        AttemptResult result = run(reuseJob(NOW.minusSeconds(10)));
        assertThat(flinks.calls).containsExactly("Attributes:req-0");
        assertThat(result).isInstanceOf(Fetched.class);
        Fetched fetched = (Fetched) result;
        assertThat(fetched.requestIdReused()).isTrue();
        assertThat(fetched.job().requestId()).isEqualTo("req-0");
        assertThat(fetched.job().attempts()).isEqualTo(1);
    }

    @Test
    void authorizePathOpensASessionRunsAccountsDetailThenAttributes() {
        AttemptResult result = run(authorizeJob());
        assertThat(flinks.calls)
                .containsExactly(
                        "GenerateAuthorizeToken", "Authorize:login", "GetAccountsDetail:new-1", "Attributes:new-1");
        Fetched fetched = (Fetched) result;
        assertThat(fetched.requestIdReused()).isFalse();
        assertThat(fetched.job().requestId()).isEqualTo("new-1");
        assertThat(fetched.job().authorizations()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {FlinksCodes.SESSION_NONEXISTENT, FlinksCodes.SESSION_EXPIRED})
    void expiredSessionOnTheReusePathReauthorizesInTheSameAttempt(String code) {
        flinks.then(GET_ATTRIBUTES, r -> ScriptedFlinks.failure(GET_ATTRIBUTES, code, 400));
        AttemptResult result = run(reuseJob(NOW.minusSeconds(10)));
        assertThat(flinks.calls)
                .containsExactly(
                        "Attributes:req-0",
                        "GenerateAuthorizeToken",
                        "Authorize:login",
                        "GetAccountsDetail:new-1",
                        "Attributes:new-1");
        assertThat(((Fetched) result).requestIdReused()).isFalse();
    }

    @Test
    void aRefusalOfOurApiKeyParksTheStepWithoutCountingAFault() {
        Job faulted = reuseJob(NOW.minusSeconds(10)).attempted(true, new LastAnswer(null, 503, "x"));
        flinks.then(GET_ATTRIBUTES, r -> ScriptedFlinks.credentials(GET_ATTRIBUTES, FlinksCodes.UNAUTHORIZED, 401));

        RetryLater parked = (RetryLater) run(faulted);

        assertThat(parked.kind()).isEqualTo(RetryKind.CREDENTIALS);
        assertThat(parked.job().step()).isEqualTo(Step.REUSE);
        assertThat(parked.job().attempts()).isEqualTo(2);
        assertThat(parked.job().consecutiveFaults()).isEqualTo(1);
        assertThat(parked.answer().flinksCode()).isEqualTo(FlinksCodes.UNAUTHORIZED);
    }

    @Test
    void aRefusalOfOurSecretKeyParksTheJobBeforeItsSession() {
        flinks.then(
                FlinksOperation.GENERATE_AUTHORIZE_TOKEN,
                r -> ScriptedFlinks.credentials(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, null, 401));

        RetryLater parked = (RetryLater) run(authorizeJob());

        assertThat(parked.kind()).isEqualTo(RetryKind.CREDENTIALS);
        assertThat(parked.job().step()).isEqualTo(Step.AUTHORIZE);
        assertThat(parked.job().authorizations()).isZero();
        assertThat(flinks.calls).containsExactly("GenerateAuthorizeToken");
    }

    @Test
    void aRequestIdThatAgedWhileWaitingIsNotUsed() {
        AttemptResult result = run(reuseJob(NOW.minus(Duration.ofMinutes(7))));
        assertThat(flinks.calls).first().isEqualTo("GenerateAuthorizeToken");
        assertThat(((Fetched) result).requestIdReused()).isFalse();
    }

    @Test
    void sessionExpiringAgainAndAgainStopsAtTheAuthorizationLimit() {
        flinks.then(GET_ATTRIBUTES, r -> ScriptedFlinks.failure(GET_ATTRIBUTES, FlinksCodes.SESSION_EXPIRED, 400))
                .then(GET_ATTRIBUTES, r -> ScriptedFlinks.failure(GET_ATTRIBUTES, FlinksCodes.SESSION_EXPIRED, 400))
                .then(GET_ATTRIBUTES, r -> ScriptedFlinks.failure(GET_ATTRIBUTES, FlinksCodes.SESSION_EXPIRED, 400));
        AttemptResult result = run(reuseJob(NOW.minusSeconds(10)));
        assertThat(result).isInstanceOf(Failed.class);
        Failed failed = (Failed) result;
        assertThat(failed.reason()).isEqualTo(FailureReason.REAUTHORIZE_LIMIT);
        assertThat(failed.answer().flinksCode()).isEqualTo(FlinksCodes.SESSION_EXPIRED);
        assertThat(flinks.calls.stream().filter(c -> c.startsWith("Authorize"))).hasSize(2);
    }

    @Test
    void accountsDetail202IsPolledLaterWithTheAsyncEndpoint() {
        flinks.then(GET_ACCOUNTS_DETAIL, ScriptedFlinks::pending);
        RetryLater first = (RetryLater) run(authorizeJob());
        assertThat(first.kind()).isEqualTo(RetryKind.PENDING);
        assertThat(first.job().step()).isEqualTo(Step.ACCOUNTS_DETAIL_ASYNC);
        assertThat(first.job().requestId()).isEqualTo("new-1");
        assertThat(first.job().consecutiveFaults()).isZero();

        flinks.calls.clear();
        AttemptResult second = run(first.job());
        assertThat(flinks.calls).containsExactly("GetAccountsDetailAsync:new-1", "Attributes:new-1");
        assertThat(second).isInstanceOf(Fetched.class);
        assertThat(second.job().attempts()).isEqualTo(2);
    }

    @Test
    void attributes202KeepsTheSessionAndStep() {
        flinks.then(GET_ATTRIBUTES, ScriptedFlinks::pending);
        RetryLater retry = (RetryLater) run(reuseJob(NOW.minusSeconds(10)));
        assertThat(retry.kind()).isEqualTo(RetryKind.PENDING);
        assertThat(retry.job().step()).isEqualTo(Step.REUSE);
        assertThat(retry.job().requestIdLastUsedAt()).isEqualTo(NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {FlinksCodes.RETRY_LATER, FlinksCodes.TOO_MANY_REQUESTS, FlinksCodes.AGGREGATION_ERROR})
    void transientCodesAreRetriedAsFaults(String code) {
        flinks.then(GET_ATTRIBUTES, r -> ScriptedFlinks.failure(GET_ATTRIBUTES, code, 401));
        RetryLater retry = (RetryLater) run(reuseJob(NOW.minusSeconds(10)));
        assertThat(retry.kind()).isEqualTo(RetryKind.FAULT);
        assertThat(retry.answer().flinksCode()).isEqualTo(code);
        assertThat(retry.job().consecutiveFaults()).isEqualTo(1);
    }

    @Test
    void serverErrorWithoutCodeIsRetried() {
        flinks.then(AUTHORIZE, r -> ScriptedFlinks.failure(AUTHORIZE, null, 503));
        RetryLater retry = (RetryLater) run(authorizeJob());
        assertThat(retry.job().step()).isEqualTo(Step.AUTHORIZE);
        assertThat(retry.answer().httpStatus()).isEqualTo(503);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                FlinksCodes.INVALID_LOGIN,
                FlinksCodes.INVALID_REQUEST,
                FlinksCodes.DISABLED_LOGIN,
                FlinksCodes.UNAUTHORIZED
            })
    void terminalCodesFailAtOnce(String code) {
        flinks.then(AUTHORIZE, r -> ScriptedFlinks.failure(AUTHORIZE, code, 401));
        Failed failed = (Failed) run(authorizeJob());
        assertThat(failed.reason()).isEqualTo(FailureReason.FLINKS_ERROR);
        assertThat(failed.answer().flinksCode()).isEqualTo(code);
    }

    @Test
    void mfaOnACachedAuthorizeIsTerminal() {
        flinks.then(AUTHORIZE, r -> new FlinksResult.MfaChallenge<>("req-mfa", List.of(), "FlinksCapital"));
        Failed failed = (Failed) run(authorizeJob());
        assertThat(failed.reason()).isEqualTo(FailureReason.MFA_REQUIRED);
    }

    @Test
    void anExceptionFromTheCallBecomesAFaultRetry() {
        FlinksPort broken = new ScriptedFlinks() {
            @Override
            public CompletableFuture<FlinksResult<String>> generateAuthorizeToken() {
                return CompletableFuture.failedFuture(new RejectedExecutionException("budget full"));
            }
        };
        AttemptResult result = new AttemptRunner(broken, sessions, clock, 2, true)
                .run(authorizeJob())
                .join();
        assertThat(result).isInstanceOf(RetryLater.class);
        assertThat(((RetryLater) result).kind()).isEqualTo(RetryKind.FAULT);
    }

    @Test
    void asyncSessionExpiryReauthorizes() {
        flinks.then(
                GET_ACCOUNTS_DETAIL_ASYNC,
                r -> ScriptedFlinks.failure(GET_ACCOUNTS_DETAIL_ASYNC, FlinksCodes.SESSION_NONEXISTENT, 400));
        Job waiting = authorizeJob().authorized("new-0", NOW, Step.ACCOUNTS_DETAIL_ASYNC);
        Fetched fetched = (Fetched) run(waiting);
        assertThat(fetched.job().authorizations()).isEqualTo(2);
        assertThat(flinks.calls).contains("Authorize:login");
    }

    @SuppressWarnings("unused")
    private static final FlinksOperation UNUSED = FlinksOperation.GENERATE_AUTHORIZE_TOKEN;
}
