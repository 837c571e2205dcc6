package dev.flinkspipeline.attributes.events;

import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.Objects;

/**
 * The terminal events of a job. Event ids are name-based on the job's identity (loginId and the
 * AccountsReady requestId that started it), not on the requestId used for Attributes: a replay after a
 * crash may open another session, yet must carry the same eventId.
 */
public final class Outcomes {

    private Outcomes() {}

    public static String attributesReadyId(Job job) {
        return EventIds.forEvent(job.loginId(), job.accountsRequestId(), "AttributesReady", job.attributeSet())
                .toString();
    }

    public static AttributesReady attributesReady(AttemptResult.Fetched fetched, Instant now) {
        Job job = fetched.job();
        AttributesResponse response = fetched.response();
        return AttributesReady.newBuilder()
                .setEventId(attributesReadyId(job))
                .setLoginId(job.loginId())
                .setRequestId(job.requestId())
                .setAttributeSet(job.attributeSet())
                .setAttributes(AttributeValues.fromCard(response.card()))
                .setDetails(Objects.toString(response.attributesDetails(), null))
                .setRequestIdReused(fetched.requestIdReused())
                .setComputedAt(now)
                .build();
    }

    public static PipelineFailed pipelineFailed(AttemptResult.Failed failed, Instant now) {
        Job job = failed.job();
        LastAnswer answer = failed.answer();
        String stage = FailureStage.ATTRIBUTES.name();
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(job.loginId(), job.accountsRequestId(), "PipelineFailed", stage)
                        .toString())
                .setLoginId(job.loginId())
                .setRequestId(job.requestId() != null ? job.requestId() : job.accountsRequestId())
                .setStage(FailureStage.ATTRIBUTES)
                .setReason(failed.reason().name())
                .setFlinksCode(answer.flinksCode())
                .setHttpStatus(answer.httpStatus() == 0 ? null : answer.httpStatus())
                .setMessage(answer.message())
                .setAttempts(job.attempts())
                .setFlow(job.fromPoll() ? "STANDARD" : "WEBHOOK")
                .setFailedAt(now)
                .build();
    }
}
