package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.poller.job.JobOutcome.AccountsFetched;
import dev.flinkspipeline.poller.job.JobOutcome.Failed;
import dev.flinkspipeline.poller.job.JobOutcome.FailureReason;
import dev.flinkspipeline.poller.job.JobOutcome.Rescheduled;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * Runs one step of a job: the Flinks calls it needs, chained without blocking, and the decision that
 * follows (accounts, wait and poll again, retry later, or fail). Pure apart from the {@link FlinksPort}:
 * no Kafka, no threads of its own.
 *
 * <p>A lost session (SESSION_NONEXISTENT/SESSION_EXPIRED) is re-opened at once, in the same step,
 * up to the policy's limit. Transient failures are never retried in place: the job is rescheduled with
 * a backoff, so no thread waits. A synchronous GetAccountsDetail that we stop waiting for (client
 * timeout, or the batch's time) is not sent again: Flinks already dispatched it, so the job goes on with
 * GetAccountsDetailAsync on the same RequestId. A refusal of our own credentials (confirmed by the
 * credentials guard) is never the login's failure: the step is parked until the credentials circuit
 * closes, and the time a job was held back by the open circuit is added to its deadline.
 */
public final class JobRunner {

    private final FlinksPort flinks;
    private final PollPolicy policy;
    private final Clock clock;
    private final RandomGenerator random;
    private final CircuitOutages outages;

    public JobRunner(FlinksPort flinks, PollPolicy policy, Clock clock, RandomGenerator random) {
        this(flinks, policy, clock, random, CircuitOutages.NONE);
    }

    /** @param outages when the credentials circuit was open (deadlines are credited the time it held jobs back) */
    public JobRunner(
            FlinksPort flinks, PollPolicy policy, Clock clock, RandomGenerator random, CircuitOutages outages) {
        this.flinks = Objects.requireNonNull(flinks, "flinks");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.outages = Objects.requireNonNull(outages, "outages");
    }

    public PollPolicy policy() {
        return policy;
    }

    /** Runs the job's next step. The future never completes exceptionally. */
    public CompletableFuture<JobOutcome> run(PollJob scheduled) {
        PollJob job = credited(scheduled);
        CompletableFuture<JobOutcome> step;
        try {
            step = switch (job.phase()) {
                case AUTHORIZE -> authorize(job);
                case FETCH -> fetch(job);
                case POLL -> poll(job);
            };
        } catch (RuntimeException e) {
            step = CompletableFuture.failedFuture(e);
        }
        return step.exceptionally(error -> retry(job, unexpected(job, error)));
    }

    /**
     * The step did not finish in the time its batch allows (a stuck call): it is retried later like a
     * timeout, so the batch can commit what did finish.
     */
    public JobOutcome timedOut(PollJob scheduled) {
        PollJob job = credited(scheduled);
        if (job.phase() == Phase.FETCH) {
            return dispatched(job);
        }
        return retry(
                job,
                new FlinksResult.Failure<>(
                        operationOf(job),
                        FailureClass.RETRY_LATER,
                        FailureKind.TIMEOUT,
                        null,
                        0,
                        "the step did not finish within its batch's time",
                        job.requestId(),
                        null));
    }

    /** The job with its deadline moved later by the open-circuit time it waited through since it was due. */
    private PollJob credited(PollJob job) {
        return job.withDeadline(outages.credit(job.deadline(), job.dueAt(), clock.instant()));
    }

    private CompletableFuture<JobOutcome> authorize(PollJob job) {
        return flinks.authorizeCached(job.loginId()).thenCompose(result -> {
            if (result instanceof FlinksResult.Data<AuthorizeResponse> data) {
                String requestId = data.body().requestId();
                if (requestId == null || requestId.isBlank()) {
                    return done(retry(
                            job,
                            new FlinksResult.Failure<>(
                                    FlinksOperation.AUTHORIZE,
                                    FailureClass.RETRY_LATER,
                                    FailureKind.MALFORMED_RESPONSE,
                                    null,
                                    result.httpStatus(),
                                    "Authorize answered 200 without a RequestId",
                                    null,
                                    null)));
                }
                return fetch(job.inSession(requestId));
            }
            if (result instanceof FlinksResult.MfaChallenge<AuthorizeResponse> mfa) {
                return done(new Failed(
                        job,
                        mfa.requestId(),
                        FailureReason.MFA_REQUIRED,
                        null,
                        203,
                        "a cached Authorize asked for MFA: the customer must reconnect through Flinks Connect"));
            }
            if (result instanceof FlinksResult.Pending<AuthorizeResponse> pending) {
                // Authorize is not expected to be asynchronous on a cached session: try again later.
                return done(retry(
                        job,
                        new FlinksResult.Failure<>(
                                FlinksOperation.AUTHORIZE,
                                FailureClass.RETRY_LATER,
                                FailureKind.FLINKS_ERROR,
                                pending.flinksCode(),
                                202,
                                "Authorize answered 202",
                                null,
                                null)));
            }
            return onFailure(job, (FlinksResult.Failure<?>) result);
        });
    }

    private CompletableFuture<JobOutcome> fetch(PollJob job) {
        Instant sentAt = clock.instant();
        return flinks.accountsDetail(job.requestId(), job.accountIds()).thenCompose(result -> {
            if (result instanceof FlinksResult.Failure<AccountsDetailResponse> failure
                    && failure.kind() == FailureKind.TIMEOUT) {
                return done(dispatched(job));
            }
            return afterAccountsCall(job, result, sentAt);
        });
    }

    /** GetAccountsDetail was sent but not answered in time: poll its result like after a 202. */
    private JobOutcome dispatched(PollJob job) {
        Instant next = clock.instant().plus(policy.pollInterval());
        return new Rescheduled(
                job,
                job.nextPoll(next.isAfter(job.deadline()) ? job.deadline() : next),
                Rescheduled.Why.PENDING,
                null,
                0);
    }

    private CompletableFuture<JobOutcome> poll(PollJob job) {
        Instant sentAt = clock.instant();
        return flinks.accountsDetailAsync(job.requestId())
                .thenCompose(result -> afterAccountsCall(job, result, sentAt));
    }

    private CompletableFuture<JobOutcome> afterAccountsCall(
            PollJob job, FlinksResult<AccountsDetailResponse> result, Instant sentAt) {
        if (result instanceof FlinksResult.Data<AccountsDetailResponse> data) {
            return done(new AccountsFetched(job, data.body(), job.requestId(), sentAt, clock.instant()));
        }
        if (result instanceof FlinksResult.Pending<AccountsDetailResponse> pending) {
            return done(pending(job, pending));
        }
        if (result instanceof FlinksResult.MfaChallenge<AccountsDetailResponse>) {
            return done(new Failed(
                    job,
                    job.requestId(),
                    FailureReason.MFA_REQUIRED,
                    null,
                    203,
                    "GetAccountsDetail asked for MFA: the customer must reconnect through Flinks Connect"));
        }
        return onFailure(job, (FlinksResult.Failure<?>) result);
    }

    private JobOutcome pending(PollJob job, FlinksResult.Pending<?> pending) {
        Instant now = clock.instant();
        if (!now.isBefore(job.deadline())) {
            return new Failed(
                    job,
                    job.requestId(),
                    FailureReason.POLL_TIMEOUT,
                    pending.flinksCode(),
                    202,
                    "Flinks still answered 202 at the deadline, " + policy.maxPollDuration()
                            + " after the first request");
        }
        Instant next = now.plus(policy.pollInterval());
        return new Rescheduled(
                job,
                job.nextPoll(next.isAfter(job.deadline()) ? job.deadline() : next),
                Rescheduled.Why.PENDING,
                pending.flinksCode(),
                202);
    }

    private CompletableFuture<JobOutcome> onFailure(PollJob job, FlinksResult.Failure<?> failure) {
        if (failure.failureClass() == FailureClass.CREDENTIALS) {
            // Due at once: the listener containers stay paused until the circuit closes, so it runs right then.
            return done(new Rescheduled(
                    job,
                    job.parked(clock.instant()),
                    Rescheduled.Why.CREDENTIALS,
                    failure.flinksCode(),
                    failure.httpStatus()));
        }
        if (failure.failureClass() == FailureClass.TERMINAL) {
            return done(new Failed(
                    job,
                    job.requestId(),
                    FailureReason.FLINKS_ERROR,
                    failure.flinksCode(),
                    failure.httpStatus(),
                    failure.message()));
        }
        if (failure.failureClass() == FailureClass.REAUTHORIZE) {
            if (job.reauthorizations() >= policy.maxReauthorizations()) {
                return done(new Failed(
                        job,
                        job.requestId(),
                        FailureReason.REAUTHORIZE_LIMIT,
                        failure.flinksCode(),
                        failure.httpStatus(),
                        "the Flinks session was lost " + (job.reauthorizations() + 1) + " times: "
                                + failure.message()));
            }
            return authorize(job.reauthorized());
        }
        return done(retry(job, failure));
    }

    private JobOutcome retry(PollJob job, FlinksResult.Failure<?> failure) {
        Instant now = clock.instant();
        int retry = job.retries() + 1;
        if (retry > policy.maxRetries()) {
            return new Failed(
                    job,
                    job.requestId(),
                    FailureReason.RETRIES_EXHAUSTED,
                    failure.flinksCode(),
                    failure.httpStatus(),
                    policy.maxRetries() + " retries failed; last: " + failure.message());
        }
        Optional<Instant> at = policy.backoff().nextAttempt(retry, now, job.deadline(), failure.retryAfter(), random);
        if (at.isEmpty()) {
            return new Failed(
                    job,
                    job.requestId(),
                    FailureReason.RETRIES_EXHAUSTED,
                    failure.flinksCode(),
                    failure.httpStatus(),
                    "the deadline passed while retrying; last: " + failure.message());
        }
        return new Rescheduled(
                job, job.retryAt(at.get()), Rescheduled.Why.RETRY, failure.flinksCode(), failure.httpStatus());
    }

    private static FlinksResult.Failure<Object> unexpected(PollJob job, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        FailureKind kind = cause instanceof CancellationException ? FailureKind.TIMEOUT : FailureKind.TRANSPORT;
        return new FlinksResult.Failure<>(
                operationOf(job),
                FailureClass.RETRY_LATER,
                kind,
                null,
                0,
                "the call did not complete: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                job.requestId(),
                null);
    }

    private static FlinksOperation operationOf(PollJob job) {
        return switch (job.phase()) {
            case AUTHORIZE -> FlinksOperation.AUTHORIZE;
            case FETCH -> FlinksOperation.GET_ACCOUNTS_DETAIL;
            case POLL -> FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC;
        };
    }

    private static CompletableFuture<JobOutcome> done(JobOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }
}
