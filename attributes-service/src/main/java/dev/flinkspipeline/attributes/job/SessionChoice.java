package dev.flinkspipeline.attributes.job;

/** How the attributes job gets a live Flinks session, and why. */
public enum SessionChoice {
    /** Standard flow, requestId used recently enough: call Attributes with it, no Authorize. */
    REUSE_FRESH(true),
    /** Webhook flow: the webhook's RequestId is not ours to keep alive, open a new session. */
    AUTHORIZE_WEBHOOK_FLOW(false),
    /** Standard flow, but AccountsReady does not say when the requestId was last used. */
    AUTHORIZE_LAST_USE_UNKNOWN(false),
    /** Standard flow, but the requestId is (nearly) expired by Flinks' idle timeout. */
    AUTHORIZE_STALE(false),
    /** The last use lies further in the future than clock skew explains: not trusted. */
    AUTHORIZE_LAST_USE_IN_FUTURE(false);

    private final boolean reuse;

    SessionChoice(boolean reuse) {
        this.reuse = reuse;
    }

    public boolean reuse() {
        return reuse;
    }

    /** Metric tag value: {@code reuse} or {@code reauthorize}. */
    public String path() {
        return reuse ? "reuse" : "reauthorize";
    }
}
