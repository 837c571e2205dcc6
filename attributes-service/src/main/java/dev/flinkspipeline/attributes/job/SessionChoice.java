package dev.flinkspipeline.attributes.job;

/** How the attributes job gets a live Flinks session, and why (the metric tag {@code reason}). */
public enum SessionChoice {
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
