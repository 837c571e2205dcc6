package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.Failed;
import dev.flinkspipeline.attributes.job.AttemptResult.Fetched;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one attempt of an Attributes job: as many Flinks calls as can be made now, from the job's step
 * until Attributes arrive, Flinks says 202 or fails, following the state machine:
 *
 * <pre>
 * REUSE ──(session expired / too old)──▶ AUTHORIZE ──▶ ACCOUNTS_DETAIL ──202──▶ ACCOUNTS_DETAIL_ASYNC
 *   │                                       ▲               │                         │
 *   ▼                                       └─(expired)─────┴──────────┬──────────────┘
 * Attributes(requestId of AccountsReady)              ATTRIBUTES (new requestId)
 * </pre>
 *
 * Never blocks: it composes the client's futures. Retries are not made here: the caller schedules them.
 */
public final class AttemptRunner {

    private final FlinksPort flinks;
    private final SessionPolicy sessions;
    private final Clock clock;
    private final int maxAuthorizations;
    private final boolean accountsDetailFirst;

    /**
     * @param maxAuthorizations   sessions one job may open (the re-authorize path once, plus reopenings if
     *                            a new session expires during long retries)
     * @param accountsDetailFirst whether a new session runs GetAccountsDetail before Attributes (Flinks'
     *                            documented order)
     */
    public AttemptRunner(
            FlinksPort flinks,
            SessionPolicy sessions,
            Clock clock,
            int maxAuthorizations,
            boolean accountsDetailFirst) {
        this.flinks = Objects.requireNonNull(flinks, "flinks");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxAuthorizations < 1) {
            throw new IllegalArgumentException("maxAuthorizations must be at least 1");
        }
        this.maxAuthorizations = maxAuthorizations;
        this.accountsDetailFirst = accountsDetailFirst;
    }

    /** One attempt from {@code job.step()}; the future never completes exceptionally. */
    public CompletableFuture<AttemptResult> run(Job job) {
        CompletableFuture<AttemptResult> attempt;
        try {
            attempt = step(job);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        return attempt.exceptionally(e -> retry(
                job,
                RetryKind.FAULT,
                new LastAnswer(
                        null, 0, "unexpected " + unwrap(e).getClass().getSimpleName() + " during " + job.step())));
    }

    private CompletableFuture<AttemptResult> step(Job job) {
        return switch (job.step()) {
            case REUSE -> reuse(job);
            case AUTHORIZE -> authorize(job);
            case ACCOUNTS_DETAIL, ACCOUNTS_DETAIL_ASYNC -> accountsDetail(job);
            case ATTRIBUTES -> attributes(job);
        };
    }

    private CompletableFuture<AttemptResult> reuse(Job job) {
        if (!sessions.isFresh(job.requestIdLastUsedAt(), clock.instant())) {
            // Waiting for a retry aged the session past the reuse window: do not spend a call on it.
            return step(job.withStep(Step.AUTHORIZE));
        }
        return attributes(job);
    }

    private CompletableFuture<AttemptResult> attributes(Job job) {
        return flinks.attributes(job.loginId(), job.requestId(), job.accountIds())
                .thenCompose(result -> onAttributes(job, result));
    }

    private CompletableFuture<AttemptResult> onAttributes(Job job, FlinksResult<AttributesResponse> result) {
        Job used = job.touched(clock.instant());
        if (result instanceof FlinksResult.Data<AttributesResponse> data) {
            return done(new Fetched(used.attempted(false, null), data.body()));
        }
        if (result instanceof FlinksResult.Pending<AttributesResponse> pending) {
            return done(retry(used, RetryKind.PENDING, new LastAnswer(pending.flinksCode(), 202, pending.message())));
        }
        if (result instanceof FlinksResult.Failure<AttributesResponse> failure) {
            return onFailure(failure.isReauthorize() ? job : used, failure);
        }
        return done(retry(used, RetryKind.FAULT, unexpected(result)));
    }

    private CompletableFuture<AttemptResult> authorize(Job job) {
        if (job.authorizations() >= maxAuthorizations) {
            LastAnswer last = job.last() != null ? job.last() : new LastAnswer(null, 0, "no session could be kept");
            return done(new Failed(
                    job.attempted(true, null),
                    FailureReasons.REAUTHORIZE_LIMIT,
                    new LastAnswer(
                            last.flinksCode(),
                            last.httpStatus(),
                            "opened " + job.authorizations() + " session(s) and the session still expired; last: "
                                    + last.message())));
        }
        Job authorizing = job.withStep(Step.AUTHORIZE);
        return flinks.generateAuthorizeToken().thenCompose(token -> {
            if (token instanceof FlinksResult.Data<String> data) {
                return flinks.authorizeCached(authorizing.loginId(), data.body())
                        .thenCompose(auth -> onAuthorize(authorizing, auth));
            }
            return onNonData(authorizing, token);
        });
    }

    private CompletableFuture<AttemptResult> onAuthorize(Job job, FlinksResult<AuthorizeResponse> result) {
        if (result instanceof FlinksResult.Data<AuthorizeResponse> data) {
            String requestId = data.body().requestId();
            if (requestId == null || requestId.isBlank()) {
                return done(retry(
                        job, RetryKind.FAULT, new LastAnswer(null, 200, "Authorize answered 200 without a RequestId")));
            }
            Step next = accountsDetailFirst ? Step.ACCOUNTS_DETAIL : Step.ATTRIBUTES;
            return step(job.authorized(requestId, clock.instant(), next));
        }
        if (result instanceof FlinksResult.MfaChallenge<?> mfa) {
            return done(new Failed(
                    job.attempted(false, null),
                    FailureReasons.MFA_REQUIRED,
                    new LastAnswer(
                            null,
                            203,
                            "a cached Authorize asked " + mfa.challenges().size()
                                    + " security question(s): the customer must reconnect")));
        }
        return onNonData(job, result);
    }

    private CompletableFuture<AttemptResult> accountsDetail(Job job) {
        boolean async = job.step() == Step.ACCOUNTS_DETAIL_ASYNC;
        var call = async ? flinks.accountsDetailAsync(job.requestId()) : flinks.accountsDetail(job.requestId());
        return call.thenCompose(result -> {
            Job used = job.touched(clock.instant());
            if (result instanceof FlinksResult.Data<?>) {
                return step(used.withStep(Step.ATTRIBUTES));
            }
            if (result instanceof FlinksResult.Pending<?> pending) {
                return done(retry(
                        used.withStep(Step.ACCOUNTS_DETAIL_ASYNC),
                        RetryKind.PENDING,
                        new LastAnswer(pending.flinksCode(), 202, pending.message())));
            }
            return onNonData(result instanceof FlinksResult.Failure<?> f && f.isReauthorize() ? job : used, result);
        });
    }

    /** Anything but data from a session-opening or data call. */
    private CompletableFuture<AttemptResult> onNonData(Job job, FlinksResult<?> result) {
        if (result instanceof FlinksResult.Failure<?> failure) {
            return onFailure(job, failure);
        }
        if (result instanceof FlinksResult.Pending<?> pending) {
            return done(retry(job, RetryKind.PENDING, new LastAnswer(pending.flinksCode(), 202, pending.message())));
        }
        return done(retry(job, RetryKind.FAULT, unexpected(result)));
    }

    private CompletableFuture<AttemptResult> onFailure(Job job, FlinksResult.Failure<?> failure) {
        LastAnswer answer = new LastAnswer(failure.flinksCode(), failure.httpStatus(), failure.message());
        return switch (failure.failureClass()) {
            case RETRY_LATER ->
                done(new RetryLater(
                        job.attempted(true, answer),
                        failure.kind() == FailureKind.TIMEOUT ? RetryKind.TIMEOUT : RetryKind.FAULT,
                        answer,
                        failure.retryAfter()));
            case REAUTHORIZE ->
                job.step() == Step.AUTHORIZE
                        // Authorize itself answered a session code (e.g. ALREADY_AUTHORIZED): try again later.
                        ? done(retry(job, RetryKind.FAULT, answer))
                        : step(new Job(
                                job.loginId(),
                                job.accountsRequestId(),
                                job.source(),
                                job.snapshotLastRefresh(),
                                job.attributeSet(),
                                job.accountIds(),
                                Step.AUTHORIZE,
                                job.requestId(),
                                job.requestIdLastUsedAt(),
                                job.authorizations(),
                                job.attempts(),
                                job.consecutiveFaults(),
                                job.firstAttemptAt(),
                                job.deadline(),
                                answer));
            case TERMINAL -> done(new Failed(job.attempted(true, answer), FailureReasons.FLINKS_ERROR, answer));
            // Our own credentials, confirmed by the credentials guard: the same step once the circuit closes.
            case CREDENTIALS -> done(new RetryLater(job.parked(answer), RetryKind.CREDENTIALS, answer));
        };
    }

    private static RetryLater retry(Job job, RetryKind kind, LastAnswer answer) {
        return new RetryLater(job.attempted(kind != RetryKind.PENDING, answer), kind, answer);
    }

    private static LastAnswer unexpected(FlinksResult<?> result) {
        return new LastAnswer(
                null,
                result.httpStatus(),
                "unexpected answer " + result.getClass().getSimpleName());
    }

    private static CompletableFuture<AttemptResult> done(AttemptResult result) {
        return CompletableFuture.completedFuture(result);
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
