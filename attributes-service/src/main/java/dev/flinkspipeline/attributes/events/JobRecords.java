package dev.flinkspipeline.attributes.events;

import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.internal.AttributesStep;
import dev.flinkspipeline.attributes.job.AttemptResult;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.attributes.job.Step;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The records of a {@link Job}: its {@code AttributesScheduled} on the scheduled-retry topic (and back), its terminal
 * events. Event ids are name-based on the job's identity (loginId, AccountsReady requestId), not on the requestId
 * used for Attributes: a replay after a crash may open another session, yet must carry the same eventId.
 */
public final class JobRecords {

    private JobRecords() {}

    /** The record of a job due at {@code dueAt}; a replayed attempt schedules the same eventId. */
    public static AttributesScheduled toRecord(Job job, Instant dueAt) {
        LastAnswer last = job.last();
        String step = job.attributeSet() + "#" + job.attempts();
        return AttributesScheduled.newBuilder()
                .setEventId(EventIds.forEvent(job.loginId(), job.accountsRequestId(), "AttributesScheduled", step)
                        .toString())
                .setLoginId(job.loginId())
                .setAccountsRequestId(job.accountsRequestId())
                .setSource(job.source())
                .setSnapshotLastRefresh(job.snapshotLastRefresh())
                .setAttributeSet(job.attributeSet())
                .setAccountIds(new ArrayList<>(job.accountIds()))
                .setStep(AttributesStep.valueOf(job.step().name()))
                .setRequestId(job.requestId())
                .setRequestIdLastUsedAt(job.requestIdLastUsedAt())
                .setAuthorizations(job.authorizations())
                .setAttempts(job.attempts())
                .setConsecutiveFaults(job.consecutiveFaults())
                .setFirstAttemptAt(job.firstAttemptAt())
                .setDueAt(dueAt)
                .setDeadline(job.deadline())
                .setLastFlinksCode(last == null ? null : last.flinksCode())
                .setLastHttpStatus(last == null ? null : last.httpStatus())
                .setLastMessage(last == null ? null : last.message())
                .build();
    }

    /** The job a scheduled record continues. */
    public static Job fromRecord(AttributesScheduled r) {
        LastAnswer last = r.getLastFlinksCode() == null && r.getLastHttpStatus() == null && r.getLastMessage() == null
                ? null
                : new LastAnswer(
                        r.getLastFlinksCode(),
                        r.getLastHttpStatus() == null ? 0 : r.getLastHttpStatus(),
                        r.getLastMessage());
        return new Job(
                r.getLoginId(),
                r.getAccountsRequestId(),
                r.getSource(),
                r.getSnapshotLastRefresh(),
                r.getAttributeSet(),
                r.getAccountIds(),
                Step.valueOf(r.getStep().name()),
                r.getRequestId(),
                r.getRequestIdLastUsedAt(),
                r.getAuthorizations(),
                r.getAttempts(),
                r.getConsecutiveFaults(),
                r.getFirstAttemptAt(),
                r.getDeadline(),
                last);
    }

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
                .setFlow(Job.POLL.equals(job.source()) ? "STANDARD" : "WEBHOOK")
                .setFailedAt(now)
                .build();
    }
}
