package dev.flinkspipeline.tools.demo;

import java.util.Locale;

/** The two Flinks back-end patterns the pipeline serves. */
public enum Flow {
    /** We poll: LoginReceived → poller → AccountsReady(POLL). */
    STANDARD,
    /** Flinks pushes: KYC and GetAccountsDetail webhooks → ingest → KycReceived, AccountsReady(WEBHOOK). */
    WEBHOOK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
