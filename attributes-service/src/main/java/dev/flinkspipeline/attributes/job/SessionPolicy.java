package dev.flinkspipeline.attributes.job;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a requestId can still be used for Attributes. Flinks expires a RequestId after about
 * 8 minutes without use; a requestId is reused only while it is younger than that idle timeout minus a
 * safety margin (queueing, clock skew and the Attributes call itself all eat into the window).
 */
public final class SessionPolicy {

    /** Tolerated skew between the producer's clock and ours. */
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(1);

    private final Duration reuseWindow;

    public SessionPolicy(Duration idleTimeout, Duration margin) {
        if (!idleTimeout.isPositive()) {
            throw new IllegalArgumentException("session idle timeout must be positive");
        }
        if (margin.isNegative() || margin.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "session margin must be between 0 and the idle timeout (" + idleTimeout + "), was " + margin);
        }
        this.reuseWindow = idleTimeout.minus(margin);
    }

    /** How the attributes job gets a live Flinks session, and why (the metric tag {@code reason}). */
    public enum Choice {
        /** Standard flow, requestId used recently enough: call Attributes with it, no Authorize. */
        REUSE_FRESH,
        /** Webhook flow: the webhook's RequestId is not ours to keep alive, open a new session. */
        AUTHORIZE_WEBHOOK_FLOW,
        /** Standard flow, but AccountsReady does not say when the requestId was last used. */
        AUTHORIZE_LAST_USE_UNKNOWN,
        /** Standard flow, but the requestId is (nearly) expired by Flinks' idle timeout. */
        AUTHORIZE_STALE,
        /** The last use lies further in the future than clock skew explains: not trusted. */
        AUTHORIZE_LAST_USE_IN_FUTURE;

        public boolean reuse() {
            return this == REUSE_FRESH;
        }

        /** Metric tag value: {@code reuse} or {@code reauthorize}. */
        public String path() {
            return reuse() ? "reuse" : "reauthorize";
        }
    }

    /** The choice for an AccountsReady of {@code fromPoll} (standard flow) whose requestId was last used then. */
    public Choice choose(boolean fromPoll, Instant requestIdLastUsedAt, Instant now) {
        if (!fromPoll) {
            return Choice.AUTHORIZE_WEBHOOK_FLOW;
        }
        if (requestIdLastUsedAt == null) {
            return Choice.AUTHORIZE_LAST_USE_UNKNOWN;
        }
        return isFresh(requestIdLastUsedAt, now)
                ? Choice.REUSE_FRESH
                : inFuture(requestIdLastUsedAt, now) ? Choice.AUTHORIZE_LAST_USE_IN_FUTURE : Choice.AUTHORIZE_STALE;
    }

    /** Whether a requestId last used at {@code lastUsedAt} can still be used at {@code now}. */
    public boolean isFresh(Instant lastUsedAt, Instant now) {
        return lastUsedAt != null
                && !inFuture(lastUsedAt, now)
                && Duration.between(lastUsedAt, now).compareTo(reuseWindow) < 0;
    }

    private static boolean inFuture(Instant lastUsedAt, Instant now) {
        return lastUsedAt.isAfter(now.plus(MAX_FUTURE_SKEW));
    }
}
