package dev.flinkspipeline.poller.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.PollJobKind;
import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.poller.job.JobOutcome.AccountsFetched;
import dev.flinkspipeline.poller.job.JobOutcome.Failed;
import dev.flinkspipeline.poller.job.JobOutcome.Rescheduled;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The decisions of one job step, against a scripted Flinks. */
class JobRunnerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final PollPolicy POLICY = new PollPolicy(
            Duration.ofSeconds(10),
            Duration.ofMinutes(30),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2),
            3,
            5);

    private final ScriptedFlinks flinks = new ScriptedFlinks();
    private final JobRunner runner = new JobRunner(
            flinks, POLICY, Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(3), CircuitOutages.NONE);
    private final PollJob fresh = standardJob(
            "login-1",
            null,
            Phase.AUTHORIZE,
            0,
            NOW,
            NOW.plus(POLICY.maxPollDuration()),
            NOW,
            0,
            0,
            "FlinksCapital",
            "tag",
            List.of("acc-1"),
            NOW);

    @Test
    void authorizeThenAccountsAtOnce() {
        flinks.authorize.add(session("req-1"));
        flinks.detail.add(accounts());
        JobOutcome outcome = runner.run(fresh).join();
        assertThat(outcome).isInstanceOfSatisfying(AccountsFetched.class, fetched -> {
            assertThat(fetched.requestId()).isEqualTo("req-1");
            assertThat(fetched.requestIdLastUsedAt()).isEqualTo(NOW);
        });
        assertThat(flinks.calls).containsExactly("authorize login-1", "detail req-1 [acc-1]");
    }

    @Test
    void pendingSchedulesTheFirstPollOneIntervalLater() {
        flinks.authorize.add(session("req-1"));
        flinks.detail.add(pending());
        Rescheduled outcome = (Rescheduled) runner.run(fresh).join();
        assertThat(outcome.why()).isEqualTo(Rescheduled.Why.PENDING);
        assertThat(outcome.next().phase()).isEqualTo(Phase.POLL);
        assertThat(outcome.next().attempt()).isEqualTo(1);
        assertThat(outcome.next().requestId()).isEqualTo("req-1");
        assertThat(outcome.next().dueAt()).isEqualTo(NOW.plusSeconds(10));
        assertThat(outcome.next().deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aSyncAccountsCallThatTimesOutContinuesWithAsyncOnTheSameRequestId() {
        flinks.authorize.add(session("req-1"));
        flinks.detail.add(new FlinksResult.Failure<>(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                FailureClass.RETRY_LATER,
                FailureKind.TIMEOUT,
                null,
                0,
                "no answer within 210s",
                "req-1",
                null));
        Rescheduled outcome = (Rescheduled) runner.run(fresh).join();
        assertThat(outcome.why()).isEqualTo(Rescheduled.Why.PENDING);
        assertThat(outcome.next().phase()).isEqualTo(Phase.POLL);
        assertThat(outcome.next().requestId()).isEqualTo("req-1");
        assertThat(outcome.next().retries()).isZero();
        assertThat(outcome.next().dueAt()).isEqualTo(NOW.plusSeconds(10));

        flinks.async.add(accounts());
        assertThat(runner.run(outcome.next()).join()).isInstanceOf(AccountsFetched.class);
        assertThat(flinks.calls).containsExactly("authorize login-1", "detail req-1 [acc-1]", "async req-1");
    }

    @Test
    void aSyncAccountsCallThatCouldNotConnectIsSentAgain() {
        PollJob fetching = fresh.inSession("req-1");
        flinks.detail.add(new FlinksResult.Failure<>(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                FailureClass.RETRY_LATER,
                FailureKind.CONNECT_TIMEOUT,
                null,
                0,
                "could not connect",
                "req-1",
                null));
        Rescheduled outcome = (Rescheduled) runner.run(fetching).join();
        assertThat(outcome.why()).isEqualTo(Rescheduled.Why.RETRY);
        assertThat(outcome.next().phase()).isEqualTo(Phase.FETCH);
    }

    @Test
    void aSyncAccountsCallAbandonedByItsBatchIsPolledNotResent() {
        PollJob fetching = fresh.inSession("req-1");
        Rescheduled outcome = (Rescheduled) runner.timedOut(fetching);
        assertThat(outcome.next().phase()).isEqualTo(Phase.POLL);
        assertThat(outcome.next().requestId()).isEqualTo("req-1");
        assertThat(((Rescheduled) runner.timedOut(outcome.next())).why()).isEqualTo(Rescheduled.Why.RETRY);
    }

    @Test
    void aPollNeverGoesPastTheDeadlineAndTimesOutOnlyAtIt() {
        PollJob nearDeadline = standardJob(
                "login-1", "req-1", Phase.POLL, 7, NOW, NOW.plusSeconds(4), NOW, 0, 0, null, null, List.of(), null);
        flinks.async.add(pending());
        Rescheduled capped = (Rescheduled) runner.run(nearDeadline).join();
        assertThat(capped.next().dueAt()).isEqualTo(NOW.plusSeconds(4));
        assertThat(capped.next().attempt()).isEqualTo(8);

        PollJob atDeadline =
                standardJob("login-1", "req-1", Phase.POLL, 8, NOW, NOW, NOW, 0, 0, null, null, List.of(), null);
        flinks.async.add(pending());
        Failed failed = (Failed) runner.run(atDeadline).join();
        assertThat(failed.reason()).isEqualTo(FailureReason.POLL_TIMEOUT);
        assertThat(failed.requestId()).isEqualTo("req-1");
    }

    @Test
    void aLostSessionIsReopenedAndAccountsRequestedAgain() {
        PollJob polling = standardJob(
                "login-1", "old", Phase.POLL, 3, NOW, NOW.plusSeconds(600), NOW, 0, 0, null, null, List.of(), null);
        flinks.async.add(failure(FailureClass.REAUTHORIZE, "SESSION_NONEXISTENT", 400));
        flinks.authorize.add(session("new"));
        flinks.detail.add(pending());
        Rescheduled outcome = (Rescheduled) runner.run(polling).join();
        assertThat(outcome.next().requestId()).isEqualTo("new");
        assertThat(outcome.next().reauthorizations()).isEqualTo(1);
        assertThat(outcome.next().attempt()).isEqualTo(1);
        assertThat(flinks.calls).containsExactly("async old", "authorize login-1", "detail new []");
    }

    @Test
    void sessionsLostTooOftenFailTheJob() {
        PollJob polling = standardJob(
                "login-1", "old", Phase.POLL, 3, NOW, NOW.plusSeconds(600), NOW, 3, 0, null, null, List.of(), null);
        flinks.async.add(failure(FailureClass.REAUTHORIZE, "SESSION_EXPIRED", 400));
        Failed failed = (Failed) runner.run(polling).join();
        assertThat(failed.reason()).isEqualTo(FailureReason.REAUTHORIZE_LIMIT);
        assertThat(failed.flinksCode()).isEqualTo("SESSION_EXPIRED");
    }

    @Test
    void terminalCodesFailWithTheFlinksCode() {
        flinks.authorize.add(failure(FailureClass.TERMINAL, "DISABLED_LOGIN", 401));
        Failed failed = (Failed) runner.run(fresh).join();
        assertThat(failed.reason()).isEqualTo(FailureReason.FLINKS_ERROR);
        assertThat(failed.flinksCode()).isEqualTo("DISABLED_LOGIN");
        assertThat(failed.httpStatus()).isEqualTo(401);
    }

    @Test
    void mfaOnACachedAuthorizeIsTerminal() {
        flinks.authorize.add(new FlinksResult.MfaChallenge<>("req-mfa", List.of(), "FlinksCapital"));
        Failed failed = (Failed) runner.run(fresh).join();
        assertThat(failed.reason()).isEqualTo(FailureReason.MFA_REQUIRED);
        assertThat(failed.httpStatus()).isEqualTo(203);
    }

    @Test
    void transientFailuresAreRescheduledWithBackoffWithinTheDeadline() {
        flinks.authorize.add(session("req-1"));
        flinks.detail.add(failure(FailureClass.RETRY_LATER, "RETRY_LATER", 401));
        Rescheduled outcome = (Rescheduled) runner.run(fresh).join();
        assertThat(outcome.why()).isEqualTo(Rescheduled.Why.RETRY);
        assertThat(outcome.next().phase()).isEqualTo(Phase.FETCH);
        assertThat(outcome.next().requestId()).isEqualTo("req-1");
        assertThat(outcome.next().retries()).isEqualTo(1);
        assertThat(outcome.next().dueAt()).isBetween(NOW, NOW.plusSeconds(1));

        PollJob late = standardJob("login-1", "req-1", Phase.POLL, 2, NOW, NOW, NOW, 0, 0, null, null, List.of(), null);
        flinks.async.add(failure(FailureClass.RETRY_LATER, null, 503));
        Failed failed = (Failed) runner.run(late).join();
        assertThat(failed.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
    }

    @Test
    void aRetryResetsAfterARealAnswerAndTheLimitAppliesToConsecutiveFailures() {
        PollJob retried = standardJob(
                "login-1", "req-1", Phase.POLL, 2, NOW, NOW.plusSeconds(600), NOW, 0, 5, null, null, List.of(), null);
        flinks.async.add(pending());
        assertThat(((Rescheduled) runner.run(retried).join()).next().retries()).isZero();
        flinks.async.add(failure(FailureClass.RETRY_LATER, "TOO_MANY_REQUESTS", 429));
        assertThat(((Failed) runner.run(retried).join()).reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
    }

    @Test
    void aRefusalOfOurCredentialsParksTheStepWithoutSpendingItsRetries() {
        PollJob retrying = standardJob(
                "login-1",
                "req-1",
                Phase.FETCH,
                0,
                NOW.minusSeconds(1),
                NOW.plusSeconds(60),
                NOW,
                1,
                2,
                null,
                null,
                List.of("acc-1"),
                null);
        flinks.detail.add(failure(FailureClass.CREDENTIALS, "UNAUTHORIZED", 401));

        Rescheduled parked = (Rescheduled) runner.run(retrying).join();

        assertThat(parked.why()).isEqualTo(Rescheduled.Why.CREDENTIALS);
        assertThat(parked.flinksCode()).isEqualTo("UNAUTHORIZED");
        assertThat(parked.next().phase()).isEqualTo(Phase.FETCH);
        assertThat(parked.next().requestId()).isEqualTo("req-1");
        assertThat(parked.next().retries()).isEqualTo(2);
        assertThat(parked.next().reauthorizations()).isEqualTo(1);
        assertThat(parked.next().deadline()).isEqualTo(NOW.plusSeconds(60));
        // Due at once: the paused listener containers run it as soon as the circuit closes.
        assertThat(parked.next().dueAt()).isEqualTo(NOW);
    }

    @Test
    void aRefusedSecretKeyParksANewLoginBeforeItsSessionAndEvenPastItsDeadline() {
        PollJob late = standardJob(
                "login-1", null, Phase.AUTHORIZE, 0, NOW, NOW.minusSeconds(1), NOW, 0, 0, null, null, List.of(), null);
        flinks.authorize.add(failure(FailureClass.CREDENTIALS, null, 401));

        Rescheduled parked = (Rescheduled) runner.run(late).join();

        assertThat(parked.why()).isEqualTo(Rescheduled.Why.CREDENTIALS);
        assertThat(parked.next().phase()).isEqualTo(Phase.AUTHORIZE);
        assertThat(parked.next().retries()).isZero();
    }

    @Test
    void theDeadlineIsCreditedTheTimeTheCircuitHeldTheJobBack() {
        CredentialsCircuit circuit = new CredentialsCircuit();
        circuit.refused(Credential.API_KEY, NOW.minusSeconds(500));
        circuit.accepted(Credential.API_KEY, NOW.minusSeconds(5));
        JobRunner held =
                new JobRunner(flinks, POLICY, Clock.fixed(NOW, ZoneOffset.UTC), new SplittableRandom(3), circuit);
        // Due 600 s ago, deadline 100 s ago: without the 495 s outage it would time out now.
        PollJob parked = standardJob(
                "login-1",
                "req-1",
                Phase.POLL,
                3,
                NOW.minusSeconds(600),
                NOW.minusSeconds(100),
                NOW.minusSeconds(900),
                0,
                0,
                null,
                null,
                List.of(),
                null);
        flinks.async.add(pending());

        Rescheduled next = (Rescheduled) held.run(parked).join();

        assertThat(next.why()).isEqualTo(Rescheduled.Why.PENDING);
        assertThat(next.next().deadline()).isEqualTo(NOW.plusSeconds(395));
        assertThat(next.next().dueAt()).isEqualTo(NOW.plusSeconds(10));
        // A job due after the outage keeps its deadline.
        PollJob onTime = standardJob(
                "login-2",
                "req-2",
                Phase.POLL,
                3,
                NOW.minusSeconds(1),
                NOW.plusSeconds(100),
                NOW.minusSeconds(900),
                0,
                0,
                null,
                null,
                List.of(),
                null);
        flinks.async.add(pending());
        assertThat(((Rescheduled) held.run(onTime).join()).next().deadline()).isEqualTo(NOW.plusSeconds(100));
    }

    @Test
    void aCallThatBlowsUpIsRetriedNotLost() {
        flinks.authorizeError = new IllegalStateException("budget closed");
        Rescheduled outcome = (Rescheduled) runner.run(fresh).join();
        assertThat(outcome.why()).isEqualTo(Rescheduled.Why.RETRY);
        assertThat(outcome.next().phase()).isEqualTo(Phase.AUTHORIZE);
        assertThat(runner.timedOut(fresh)).isInstanceOf(Rescheduled.class);
    }

    /** A standard-flow job without a user reference. */
    private static PollJob standardJob(
            String loginId,
            String requestId,
            Phase phase,
            int attempt,
            Instant dueAt,
            Instant deadline,
            Instant firstRequestedAt,
            int reauthorizations,
            int retries,
            String institution,
            String tag,
            List<String> accountIds,
            Instant loginReceivedAt) {
        return new PollJob(
                loginId,
                requestId,
                phase,
                attempt,
                dueAt,
                deadline,
                firstRequestedAt,
                reauthorizations,
                retries,
                institution,
                tag,
                accountIds,
                loginReceivedAt,
                PollJobKind.STANDARD,
                null);
    }

    private static FlinksResult<AuthorizeResponse> session(String requestId) {
        return new FlinksResult.Data<>(
                new AuthorizeResponse(200, requestId, "FlinksCapital", null, null, null, List.of(), Map.of()),
                200,
                null);
    }

    private static FlinksResult<AccountsDetailResponse> accounts() {
        return new FlinksResult.Data<>(
                new AccountsDetailResponse(
                        200, "req-1", "FlinksCapital", null, null, null, List.of(), null, null, Map.of()),
                200,
                null);
    }

    private static <T> FlinksResult<T> pending() {
        return new FlinksResult.Pending<>("OPERATION_PENDING", "req", "still processing");
    }

    private static <T> FlinksResult<T> failure(FailureClass failureClass, String code, int status) {
        return new FlinksResult.Failure<>(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                failureClass,
                FailureKind.FLINKS_ERROR,
                code,
                status,
                "scripted " + code,
                null,
                null);
    }

    /** Answers from queues, recording the calls. */
    static final class ScriptedFlinks implements FlinksPort {
        final Deque<FlinksResult<AuthorizeResponse>> authorize = new ArrayDeque<>();
        final Deque<FlinksResult<AccountsDetailResponse>> detail = new ArrayDeque<>();
        final Deque<FlinksResult<AccountsDetailResponse>> async = new ArrayDeque<>();
        final List<String> calls = new ArrayList<>();
        RuntimeException authorizeError;

        @Override
        public CompletableFuture<FlinksResult<AuthorizeResponse>> authorizeCached(String loginId) {
            calls.add("authorize " + loginId);
            if (authorizeError != null) {
                return CompletableFuture.failedFuture(authorizeError);
            }
            return CompletableFuture.completedFuture(authorize.removeFirst());
        }

        @Override
        public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetail(
                String requestId, List<String> accountIds) {
            calls.add("detail " + requestId + " " + accountIds);
            return CompletableFuture.completedFuture(detail.removeFirst());
        }

        @Override
        public CompletableFuture<FlinksResult<AccountsDetailResponse>> accountsDetailAsync(String requestId) {
            calls.add("async " + requestId);
            return CompletableFuture.completedFuture(async.removeFirst());
        }
    }
}
