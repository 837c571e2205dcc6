package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.poller.job.JobOutcome.AccountsFetched;
import dev.flinkspipeline.poller.job.JobOutcome.Failed;
import dev.flinkspipeline.poller.job.JobOutcome.Rescheduled;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * Runs one step of a job: its Flinks calls, chained without blocking, and what follows (accounts, poll again, retry
 * later, or fail). Pure apart from the {@link FlinksPort}. A lost session is re-opened in the same step; transient
 * failures are rescheduled with a backoff, so no thread waits; a GetAccountsDetail we stopped waiting for is polled
 * (Flinks already dispatched it); a refusal of our own credentials parks the step, its deadline credited the time.
 */
public final class JobRunner {

    private final FlinksPort flinks;
    private final PollPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final CircuitOutages outages;

    public JobRunner(
            FlinksPort flinks, PollPolicy policy, Clock clock, RandomGenerator random, CircuitOutages outages) {
        this.flinks = Objects.requireNonNull(flinks, "flinks");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.outages = Objects.requireNonNull(outages, "outages");
    }

    /** Runs the job's next step. The future never completes exceptionally. */
    public CompletableFuture<JobOutcome> run(PollJob scheduled) {
        PollJob job = credited(scheduled);
        return CompletableFuture.completedFuture(job)
                .thenCompose(j -> switch (j.phase()) {
                    case AUTHORIZE -> authorize(j);
                    case FETCH -> fetch(j);
                    case POLL -> poll(j);
                })
                .exceptionally(error -> unexpected(job, error));
    }

    /** The step did not finish in its batch's time (a stuck call): retried later like a timeout. */
    public JobOutcome timedOut(PollJob scheduled) {
        PollJob job = credited(scheduled);
        return job.phase() == Phase.FETCH
                ? polledLater(job, null, 0)
                : retry(job, null, 0, "the step did not finish within its batch's time", null);
    }

    private PollJob credited(PollJob job) {
        return job.withDeadline(outages.credit(job.deadline(), job.dueAt(), clock.instant()));
    }

    private CompletableFuture<JobOutcome> authorize(PollJob job) {
        return flinks.authorizeCached(job.loginId()).thenCompose(result -> switch (result) {
            case FlinksResult.Data<AuthorizeResponse> data -> {
                String requestId = data.body().requestId();
                yield requestId == null || requestId.isBlank()
                        ? done(retry(
                                job, null, result.httpStatus(), "Authorize answered 200 without a RequestId", null))
                        : fetch(job.inSession(requestId));
            }
            case FlinksResult.MfaChallenge<AuthorizeResponse> mfa ->
                done(new Failed(
                        job, mfa.requestId(), FailureReason.MFA_REQUIRED, null, 203, mfaMessage("a cached Authorize")));
            // Not expected to be asynchronous on a cached session: try again later.
            case FlinksResult.Pending<AuthorizeResponse> pending ->
                done(retry(job, pending.flinksCode(), 202, "Authorize answered 202", null));
            case FlinksResult.Failure<AuthorizeResponse> failure -> onFailure(job, failure);
        });
    }

    private CompletableFuture<JobOutcome> fetch(PollJob job) {
        Instant sentAt = clock.instant();
        return flinks.accountsDetail(job.requestId(), job.accountIds())
                .thenCompose(result ->
                        result instanceof FlinksResult.Failure<?> failure && failure.kind() == FailureKind.TIMEOUT
                                ? done(polledLater(job, null, 0)) // sent but not answered in time: poll it like a 202
                                : afterAccountsCall(job, result, sentAt));
    }

    private CompletableFuture<JobOutcome> poll(PollJob job) {
        Instant sentAt = clock.instant();
        return flinks.accountsDetailAsync(job.requestId())
                .thenCompose(result -> afterAccountsCall(job, result, sentAt));
    }

    private CompletableFuture<JobOutcome> afterAccountsCall(
            PollJob job, FlinksResult<AccountsDetailResponse> result, Instant sentAt) {
        return switch (result) {
            case FlinksResult.Data<AccountsDetailResponse> data ->
                done(new AccountsFetched(job, data.body(), job.requestId(), sentAt, clock.instant()));
            case FlinksResult.Pending<AccountsDetailResponse> pending -> done(pending(job, pending));
            case FlinksResult.MfaChallenge<AccountsDetailResponse> mfa ->
                done(failed(job, FailureReason.MFA_REQUIRED, null, 203, mfaMessage("GetAccountsDetail")));
            case FlinksResult.Failure<AccountsDetailResponse> failure -> onFailure(job, failure);
        };
    }

    private JobOutcome pending(PollJob job, FlinksResult.Pending<?> pending) {
        if (!clock.instant().isBefore(job.deadline())) {
            String message = "Flinks still answered 202 at the deadline, " + policy.maxPollDuration()
                    + " after the first request";
            return failed(job, FailureReason.POLL_TIMEOUT, pending.flinksCode(), 202, message);
        }
        return polledLater(job, pending.flinksCode(), 202);
    }

    /** The next GetAccountsDetailAsync, one poll interval later but never after the deadline. */
    private Rescheduled polledLater(PollJob job, String flinksCode, int httpStatus) {
        Instant next = clock.instant().plus(policy.pollInterval());
        PollJob polled = job.nextPoll(next.isAfter(job.deadline()) ? job.deadline() : next);
        return new Rescheduled(job, polled, Rescheduled.Why.PENDING, flinksCode, httpStatus);
    }

    private CompletableFuture<JobOutcome> onFailure(PollJob job, FlinksResult.Failure<?> failure) {
        String code = failure.flinksCode();
        int status = failure.httpStatus();
        return switch (failure.failureClass()) {
            // Due at once: the listener containers stay paused until the circuit closes, so it runs right then.
            case CREDENTIALS ->
                done(new Rescheduled(job, job.parked(clock.instant()), Rescheduled.Why.CREDENTIALS, code, status));
            case TERMINAL -> done(failed(job, FailureReason.FLINKS_ERROR, code, status, failure.message()));
            case REAUTHORIZE -> {
                if (job.reauthorizations() < policy.maxReauthorizations()) {
                    yield authorize(job.reauthorized());
                }
                String lost = "the Flinks session was lost " + (job.reauthorizations() + 1) + " times: ";
                yield done(failed(job, FailureReason.REAUTHORIZE_LIMIT, code, status, lost + failure.message()));
            }
            case RETRY_LATER -> done(retry(job, code, status, failure.message(), failure.retryAfter()));
        };
    }

    /** A transient failure: the same step after a backoff, unless the retries or the deadline are spent. */
    private JobOutcome retry(PollJob job, String flinksCode, int httpStatus, String message, Duration retryAfter) {
        int retry = job.retries() + 1;
        boolean exhausted = retry > policy.maxRetries();
        Optional<Instant> at = exhausted
                ? Optional.empty()
                : policy.backoff().nextAttempt(retry, clock.instant(), job.deadline(), retryAfter, random);
        if (at.isPresent()) {
            return new Rescheduled(job, job.retryAt(at.get()), Rescheduled.Why.RETRY, flinksCode, httpStatus);
        }
        String why = exhausted ? policy.maxRetries() + " retries failed" : "the deadline passed while retrying";
        return failed(job, FailureReason.RETRIES_EXHAUSTED, flinksCode, httpStatus, why + "; last: " + message);
    }

    /** A call that completed exceptionally (or a step that threw): retried like a transport failure. */
    private JobOutcome unexpected(PollJob job, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return retry(
                job, null, 0, "the call did not complete: " + cause.getClass().getSimpleName() + detail, null);
    }

    private static Failed failed(PollJob job, FailureReason reason, String flinksCode, int status, String message) {
        return new Failed(job, job.requestId(), reason, flinksCode, status, message);
    }

    private static String mfaMessage(String call) {
        return call + " asked for MFA: the customer must reconnect through Flinks Connect";
    }

    private static CompletableFuture<JobOutcome> done(JobOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
