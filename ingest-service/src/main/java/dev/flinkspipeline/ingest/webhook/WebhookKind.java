package dev.flinkspipeline.ingest.webhook;

/** What a Flinks webhook becomes. */
public enum WebhookKind {
    /** {@code ResponseType=KYC}: a {@code KycReceived} event. */
    KYC,
    /** {@code ResponseType=GetAccountsDetail} with a 200 status: an {@code AccountsReady(WEBHOOK)} event. */
    ACCOUNTS_DETAIL,
    /** Any other well-formed payload: kept raw on the unhandled-webhook topic. */
    UNHANDLED
}
