package dev.flinkspipeline.poller.job;

/** What a job is for. */
public enum JobKind {
    /** A standard-flow login: fetch its accounts, polling while Flinks answers 202. */
    STANDARD,
    /**
     * A webhook-flow login whose GetAccountsDetail webhook did not come within the grace: fetch the cached
     * snapshot once (cached Authorize, GetAccountsDetail) so the customer is not lost.
     */
    WEBHOOK_FALLBACK
}
