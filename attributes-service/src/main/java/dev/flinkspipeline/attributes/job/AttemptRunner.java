package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.job.AttemptResult.Failed;
import dev.flinkspipeline.attributes.job.AttemptResult.Fetched;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Clock;
import java.time.Duration;
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

    /** @param maxAuthorizations sessions one job may open (reopenings when a new one expires during retries) */
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
        return CompletableFuture.completedFuture(job).thenCompose(this::step).exceptionally(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String message = "unexpected " + cause.getClass().getSimpleName() + " during " + job.step();
            return retry(job, RetryKind.FAULT, new LastAnswer(null, 0, message));
        });
    }

    /** The result of an attempt that did not end within {@code timeout}: retried later. */
    public static RetryLater timedOut(Job job, Duration timeout) {
        String message = "attempt took longer than " + timeout.toMillis() + " ms at " + job.step();
        return new RetryLater(
                job.attempted(true, new LastAnswer(null, 0, message)),
                RetryKind.TIMEOUT,
                new LastAnswer(null, 0, "attempt timed out at " + job.step()));
    }

    private CompletableFuture<AttemptResult> step(Job job) {
        return switch (job.step()) {
            // A session aged past the reuse window while waiting for a retry: do not spend a call on it.
            case REUSE ->
                sessions.isFresh(job.requestIdLastUsedAt(), clock.instant())
                        ? attributes(job)
                        : step(job.withStep(Step.AUTHORIZE));
            case AUTHORIZE -> authorize(job);
            case ACCOUNTS_DETAIL, ACCOUNTS_DETAIL_ASYNC -> accountsDetail(job);
            case ATTRIBUTES -> attributes(job);
        };
    }

    private CompletableFuture<AttemptResult> attributes(Job job) {
        return flinks.attributes(job.loginId(), job.requestId(), job.accountIds())
                .thenCompose(result -> {
                    Job used = job.touched(clock.instant());
                    return result instanceof FlinksResult.Data<AttributesResponse> data
                            ? done(new Fetched(used.attempted(false, null), data.body()))
                            : otherwise(job, used, result);
                });
    }

    private CompletableFuture<AttemptResult> authorize(Job job) {
        if (job.authorizations() >= maxAuthorizations) {
            LastAnswer last = job.last() != null ? job.last() : new LastAnswer(null, 0, "no session could be kept");
            String message = "opened " + job.authorizations() + " session(s) and the session still expired; last: "
                    + last.message();
            return done(new Failed(
                    job.attempted(true, null),
                    FailureReason.REAUTHORIZE_LIMIT,
                    new LastAnswer(last.flinksCode(), last.httpStatus(), message)));
        }
        Job authorizing = job.withStep(Step.AUTHORIZE);
        return flinks.authorizeCached(authorizing.loginId()).thenCompose(auth -> onAuthorize(authorizing, auth));
    }

    private CompletableFuture<AttemptResult> onAuthorize(Job job, FlinksResult<AuthorizeResponse> result) {
        return switch (result) {
            case FlinksResult.Data<AuthorizeResponse> data -> {
                String requestId = data.body().requestId();
                if (requestId == null || requestId.isBlank()) {
                    LastAnswer noId = new LastAnswer(null, 200, "Authorize answered 200 without a RequestId");
                    yield done(retry(job, RetryKind.FAULT, noId));
                }
                Step next = accountsDetailFirst ? Step.ACCOUNTS_DETAIL : Step.ATTRIBUTES;
                yield step(job.authorized(requestId, clock.instant(), next));
            }
            case FlinksResult.MfaChallenge<AuthorizeResponse> mfa -> {
                String message = "a cached Authorize asked " + mfa.challenges().size()
                        + " security question(s): the customer must reconnect";
                yield done(new Failed(
                        job.attempted(false, null), FailureReason.MFA_REQUIRED, new LastAnswer(null, 203, message)));
            }
            default -> otherwise(job, job, result);
        };
    }

    private CompletableFuture<AttemptResult> accountsDetail(Job job) {
        boolean async = job.step() == Step.ACCOUNTS_DETAIL_ASYNC;
        var call = async ? flinks.accountsDetailAsync(job.requestId()) : flinks.accountsDetail(job.requestId());
        return call.thenCompose(result -> {
            Job used = job.touched(clock.instant());
            return switch (result) {
                case FlinksResult.Data<?> data -> step(used.withStep(Step.ATTRIBUTES));
                case FlinksResult.Pending<?> pending ->
                    done(retry(used.withStep(Step.ACCOUNTS_DETAIL_ASYNC), RetryKind.PENDING, answer(pending)));
                default -> otherwise(job, used, result);
            };
        });
    }

    /** Anything but the answer asked for; {@code used}: {@code job} after a call that kept its session alive. */
    private CompletableFuture<AttemptResult> otherwise(Job job, Job used, FlinksResult<?> result) {
        return switch (result) {
            case FlinksResult.Failure<?> failure -> onFailure(failure.isReauthorize() ? job : used, failure);
            case FlinksResult.Pending<?> pending -> done(retry(used, RetryKind.PENDING, answer(pending)));
            default -> {
                String message = "unexpected answer " + result.getClass().getSimpleName();
                yield done(retry(used, RetryKind.FAULT, new LastAnswer(null, result.httpStatus(), message)));
            }
        };
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
            // Authorize itself answered a session code (e.g. ALREADY_AUTHORIZED): try again later.
            case REAUTHORIZE ->
                job.step() == Step.AUTHORIZE
                        ? done(retry(job, RetryKind.FAULT, answer))
                        : step(job.reauthorizing(answer));
            case TERMINAL -> done(new Failed(job.attempted(true, answer), FailureReason.FLINKS_ERROR, answer));
            // Our own credentials, confirmed by the credentials guard: the same step once the circuit closes.
            case CREDENTIALS -> done(new RetryLater(job.parked(answer), RetryKind.CREDENTIALS, answer));
        };
    }

    private static RetryLater retry(Job job, RetryKind kind, LastAnswer answer) {
        return new RetryLater(job.attempted(kind != RetryKind.PENDING, answer), kind, answer);
    }

    private static LastAnswer answer(FlinksResult.Pending<?> pending) {
        return new LastAnswer(pending.flinksCode(), 202, pending.message());
    }

    private static CompletableFuture<AttemptResult> done(AttemptResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
