package dev.flinkspipeline.ingest.webhook;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.PipelineFailed;

/** What an accepted webhook becomes on Kafka. */
public sealed interface WebhookOutcome {

    /** The loginId of the webhook, or null when none could be read. */
    String loginId();

    /** {@code KYC} → {@code KycReceived}. */
    record Kyc(KycReceived event) implements WebhookOutcome {
        @Override
        public String loginId() {
            return event.getLoginId();
        }
    }

    /** {@code GetAccountsDetail} → {@code AccountsReady(source=WEBHOOK)}. */
    record AccountsDetail(AccountsReady event) implements WebhookOutcome {
        @Override
        public String loginId() {
            return event.getLoginId();
        }
    }

    /**
     * A webhook nothing maps: its exact bytes are kept on the unhandled-webhook topic with why, and, when
     * it names a login, the login's {@code PipelineFailed(INGEST)} goes with it.
     *
     * @param eventId      the raw record's id ({@code ce_id}): derived from the body
     * @param reason       short stable code, e.g. {@code unknown-type}, {@code invalid-payload}
     * @param detail       what is wrong, naming the JSON path, never a value
     * @param responseType the sanitised {@code ResponseType}, or null
     * @param loginId      {@code Login.Id} when readable (a GUID), else null
     * @param requestId    {@code RequestId} when it looks like an identifier, else null
     * @param failure      the login's PipelineFailed; null exactly when {@code loginId} is
     */
    record Unhandled(
            String eventId,
            String reason,
            String detail,
            String responseType,
            String loginId,
            String requestId,
            PipelineFailed failure)
            implements WebhookOutcome {

        /** The event type of the raw record ({@code ce_type}), and what its eventId derives from with the body. */
        public static final String TYPE = "WebhookUnhandled";
    }
}
