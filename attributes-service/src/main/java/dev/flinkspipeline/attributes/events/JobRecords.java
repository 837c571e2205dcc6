package dev.flinkspipeline.attributes.events;

import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.internal.AttributesStep;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.attributes.job.Step;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.ArrayList;

/** {@link Job} to and from its {@code AttributesScheduled} record on the scheduled-retry topic. */
public final class JobRecords {

    private JobRecords() {}

    /**
     * The record of a job waiting for its next attempt at {@code dueAt}. Its eventId is derived from the
     * job's identity and attempt count, so a replayed attempt schedules the same event.
     */
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
}
