package dev.flinkspipeline.ingest.webhook;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;

/** Builds the {@code PipelineFailed(INGEST)} that reports a login's webhook nothing could map. */
public final class WebhookFailures {

    public static final String PIPELINE_FAILED = "PipelineFailed";
    /** ResponseType absent or not one we map. */
    public static final String UNKNOWN_WEBHOOK_TYPE = "UNKNOWN_WEBHOOK_TYPE";
    /** A KYC or GetAccountsDetail webhook whose content cannot be represented exactly. */
    public static final String UNMAPPABLE_WEBHOOK = "UNMAPPABLE_WEBHOOK";
    /** Flinks announced a failed request (non-200 HttpStatusCode), as the poller names a failed answer. */
    public static final String FLINKS_ERROR = "FLINKS_ERROR";

    private WebhookFailures() {}

    /**
     * The eventId derives from the exact body, so every redelivery of the webhook reports the same failure.
     *
     * @param message what is wrong (names fields, never values)
     */
    public static PipelineFailed pipelineFailed(
            byte[] body,
            String loginId,
            String requestId,
            String reason,
            String flinksCode,
            Integer httpStatus,
            String message,
            Instant failedAt) {
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forPayload(PIPELINE_FAILED, body).toString())
                .setLoginId(loginId)
                .setRequestId(requestId)
                .setStage(FailureStage.INGEST)
                .setReason(reason)
                .setFlinksCode(flinksCode)
                .setHttpStatus(httpStatus)
                .setMessage(message)
                .setAttempts(1)
                .setFlow(FlinksFlow.WEBHOOK.name())
                .setFailedAt(failedAt)
                .build();
    }
}
