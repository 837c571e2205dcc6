package dev.flinkspipeline.poller.job;

import dev.flinkspipeline.events.PollJobKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One login's way from LoginReceived to AccountsReady or PipelineFailed: each step yields the next job, written to
 * PollScheduled when it has to wait.
 *
 * @param requestId        the Flinks session, null in {@link Phase#AUTHORIZE}
 * @param attempt          GetAccountsDetailAsync polls made in this session (0 before the first)
 * @param deadline         after it, a job still pending fails (POLL_TIMEOUT)
 * @param reauthorizations sessions re-opened after SESSION_NONEXISTENT/SESSION_EXPIRED
 * @param retries          consecutive transient failures of the current step (0 after any real answer)
 * @param loginReceivedAt  LoginReceived.receivedAt (latency metrics, deterministic event ids), may be null
 * @param kind             a standard-flow job, or the one fetch (cached Authorize, GetAccountsDetail) of a
 *                         webhook-flow login whose webhook did not come within the grace
 * @param userReference    LoginReceived.userReference, carried to the AccountsReady, may be null
 */
public record PollJob(
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
        Instant loginReceivedAt,
        PollJobKind kind,
        String userReference) {

    public PollJob {
        if (loginId == null || loginId.isBlank()) {
            throw new IllegalArgumentException("loginId is required");
        }
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(firstRequestedAt, "firstRequestedAt");
        if (phase == Phase.AUTHORIZE) {
            requestId = null;
        } else if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException(phase + " needs a requestId");
        }
        if (attempt < 0 || reauthorizations < 0 || retries < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        kind = kind == null ? PollJobKind.STANDARD : kind;
    }

    /** The same job, waiting until {@code at} before its first step (a webhook-flow login's grace). */
    public PollJob waitingUntil(Instant at) {
        Instant newDeadline = at.plus(Duration.between(dueAt, deadline));
        return with(requestId, phase, attempt, at, newDeadline, at, reauthorizations, retries);
    }

    public boolean fallback() {
        return kind == PollJobKind.WEBHOOK_FALLBACK;
    }

    /** The session is open: next, GetAccountsDetail. */
    public PollJob inSession(String newRequestId) {
        return with(newRequestId, Phase.FETCH, 0, dueAt, deadline, firstRequestedAt, reauthorizations, 0);
    }

    /** Flinks answered 202. */
    public PollJob nextPoll(Instant at) {
        return with(requestId, Phase.POLL, attempt + 1, at, deadline, firstRequestedAt, reauthorizations, 0);
    }

    /** A transient failure: the same step again. */
    public PollJob retryAt(Instant at) {
        return with(requestId, phase, attempt, at, deadline, firstRequestedAt, reauthorizations, retries + 1);
    }

    /** Our own credentials were refused: the same step at {@code at}, retries untouched (not the login's fault). */
    public PollJob parked(Instant at) {
        return with(requestId, phase, attempt, at, deadline, firstRequestedAt, reauthorizations, retries);
    }

    /** The same job with its deadline at {@code newDeadline} (credited the time it was held back). */
    public PollJob withDeadline(Instant newDeadline) {
        return newDeadline.equals(deadline)
                ? this
                : with(requestId, phase, attempt, dueAt, newDeadline, firstRequestedAt, reauthorizations, retries);
    }

    public PollJob reauthorized() {
        return with(null, Phase.AUTHORIZE, 0, dueAt, deadline, firstRequestedAt, reauthorizations + 1, 0);
    }

    /** Flinks calls made so far, roughly: reported as {@code attempts} in PipelineFailed. */
    public int attemptsSoFar() {
        return 1 + attempt + retries + reauthorizations;
    }

    private PollJob with(
            String requestId,
            Phase phase,
            int attempt,
            Instant dueAt,
            Instant deadline,
            Instant first,
            int reauthorizations,
            int retries) {
        return new PollJob(
                loginId,
                requestId,
                phase,
                attempt,
                dueAt,
                deadline,
                first,
                reauthorizations,
                retries,
                institution,
                tag,
                accountIds,
                loginReceivedAt,
                kind,
                userReference);
    }

    @Override
    public String toString() {
        // No tag or account ids: the tag can carry an application's user reference.
        return "PollJob[loginId=" + loginId + ", requestId=" + requestId + ", phase=" + phase + ", attempt=" + attempt
                + ", dueAt=" + dueAt + ", deadline=" + deadline + ", reauthorizations=" + reauthorizations
                + ", retries=" + retries + ", kind=" + kind + "]";
    }
}
