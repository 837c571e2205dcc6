package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.ingest.retry.DeadlineRetry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GenerateAuthorizeToken for a Connect session, repeated on the faults the client classifies as transient
 * (5xx, {@code RETRY_LATER}, {@code TOO_MANY_REQUESTS}, timeouts, broken connections, garbage bodies) until
 * a short deadline: the app's back end is waiting for the answer, and a customer should not lose the
 * session to one Flinks hiccup. A refusal that retrying cannot change (our secret key refused) is
 * answered at once.
 */
public final class AuthorizeTokens {

    private final FlinksClient client;
    private final Duration attemptBound;
    private final DeadlineRetry retry;

    /** @param attemptBound the longest wait for one answer (the client's own timeouts, plus a margin) */
    public AuthorizeTokens(FlinksClient client, Duration attemptBound, DeadlineRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.attemptBound = Objects.requireNonNull(attemptBound, "attemptBound");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** The last answer (null when the last attempt had none in time) and the number of attempts. */
    public DeadlineRetry.Outcome<FlinksResult<AuthorizeToken>> next() throws InterruptedException {
        return retry.run(
                this::attempt,
                AuthorizeTokens::retryable,
                r -> r instanceof FlinksResult.Failure<AuthorizeToken> f ? f.retryAfter() : null);
    }

    static boolean retryable(FlinksResult<AuthorizeToken> result) {
        return result instanceof FlinksResult.Failure<AuthorizeToken> f && f.isRetryLater();
    }

    private FlinksResult<AuthorizeToken> attempt(Duration timeLeft) throws InterruptedException {
        long wait = Math.min(attemptBound.toMillis(), timeLeft.toMillis());
        try {
            return client.generateAuthorizeToken().get(Math.max(1, wait), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            // The client completes its futures normally for every server and network problem.
            throw new IllegalStateException("the Flinks client failed", e.getCause());
        }
    }
}
