package dev.flinkspipeline.ingest.webhook;

/** What a Flinks webhook (a JSON object) is. */
public enum WebhookKind {
    /** {@code ResponseType=KYC}: a {@code KycReceived} event. */
    KYC,
    /** {@code ResponseType=GetAccountsDetail} with a 200 status: an {@code AccountsReady(WEBHOOK)} event. */
    ACCOUNTS_DETAIL,
    /** A KYC or GetAccountsDetail announcing a non-200 {@code HttpStatusCode}: Flinks reports a failure. */
    FAILED_REQUEST,
    /** Any other or no {@code ResponseType}: nothing maps it. */
    UNKNOWN_TYPE
}
