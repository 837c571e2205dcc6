package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.RedriveHeader;
import java.time.Instant;
import java.util.Objects;

/**
 * A login's terminal failure as read from {@code flinks.pipeline-failed}: only what deciding and reporting a
 * re-drive needs (never the free-text message).
 *
 * @param failedAt when the service decided the failure ({@code PipelineFailed.failedAt})
 * @param at       the record's Kafka timestamp: what the time window and "later" compare against
 */
public record FailedLogin(
        String loginId, String eventId, FailureStage stage, String reason, Instant failedAt, Instant at) {

    public FailedLogin {
        Objects.requireNonNull(loginId, "loginId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : reason;
    }

    public static FailedLogin of(PipelineFailed event, Instant recordTime) {
        return new FailedLogin(
                event.getLoginId(),
                event.getEventId(),
                event.getStage(),
                event.getReason(),
                event.getFailedAt(),
                recordTime);
    }

    /** The id of a re-drive of this failure ({@link RedriveHeader#id}). */
    public String redriveId() {
        return RedriveHeader.id(eventId, failedAt);
    }
}
