package dev.flinkspipeline.poller.events;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollJobKind;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.job.Phase;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Jobs to and from their events. PollScheduled has no phase field: an empty {@code requestId} means
 * {@link Phase#AUTHORIZE}, {@code attempt} 0 with a requestId {@link Phase#FETCH}, 1 or more {@link Phase#POLL}.
 * Event ids are deterministic (EventIds): a step replayed after a crash yields the same id.
 */
public final class JobEvents {

    private JobEvents() {}

    /**
     * The job a LoginReceived starts: a standard-flow job due now, or a webhook-flow login's fallback, due once the
     * grace after the login has passed. Throws IllegalArgumentException when the event cannot start one.
     */
    public static PollJob start(LoginReceived login, Instant now, Duration maxPollDuration, Duration webhookGrace) {
        boolean webhook = login.getFlow() == FlinksFlow.WEBHOOK;
        Instant dueAt =
                webhook ? Objects.requireNonNullElse(login.getReceivedAt(), now).plus(webhookGrace) : now;
        return new PollJob(
                login.getLoginId(),
                null,
                Phase.AUTHORIZE,
                0,
                dueAt,
                dueAt.plus(maxPollDuration),
                dueAt,
                0,
                0,
                login.getInstitution(),
                login.getTag(),
                login.getAccountIds(),
                login.getReceivedAt(),
                webhook ? PollJobKind.WEBHOOK_FALLBACK : PollJobKind.STANDARD,
                login.getUserReference());
    }

    /** The job a PollScheduled carries; throws IllegalArgumentException when it is inconsistent. */
    public static PollJob job(PollScheduled scheduled) {
        String requestId = scheduled.getRequestId();
        boolean noSession = requestId == null || requestId.isBlank();
        Phase phase = noSession ? Phase.AUTHORIZE : scheduled.getAttempt() == 0 ? Phase.FETCH : Phase.POLL;
        return new PollJob(
                scheduled.getLoginId(),
                noSession ? null : requestId,
                phase,
                scheduled.getAttempt(),
                scheduled.getDueAt(),
                scheduled.getDeadline(),
                scheduled.getFirstRequestedAt(),
                scheduled.getReauthorizations(),
                scheduled.getRetries(),
                scheduled.getInstitution(),
                scheduled.getTag(),
                scheduled.getAccountIds(),
                scheduled.getLoginReceivedAt(),
                scheduled.getKind(),
                scheduled.getUserReference());
    }

    public static PollScheduled pollScheduled(PollJob job) {
        Instant origin = job.loginReceivedAt() != null ? job.loginReceivedAt() : job.firstRequestedAt();
        String step = (job.fallback() ? "fallback;" : "") + "phase=" + job.phase() + ";attempt=" + job.attempt()
                + ";retries=" + job.retries()
                + ";reauthorizations=" + job.reauthorizations() + ";origin=" + origin.toEpochMilli()
                + ";due=" + job.dueAt().toEpochMilli();
        String type = PollScheduled.getClassSchema().getName();
        return PollScheduled.newBuilder()
                .setEventId(EventIds.forEvent(job.loginId(), job.requestId(), type, step)
                        .toString())
                .setLoginId(job.loginId())
                .setRequestId(job.requestId() == null ? "" : job.requestId())
                .setAttempt(job.phase() == Phase.POLL ? Math.max(1, job.attempt()) : 0)
                .setDueAt(job.dueAt())
                .setDeadline(job.deadline())
                .setFirstRequestedAt(job.firstRequestedAt())
                .setReauthorizations(job.reauthorizations())
                .setRetries(job.retries())
                .setInstitution(job.institution())
                .setTag(job.tag())
                .setAccountIds(job.accountIds())
                .setLoginReceivedAt(job.loginReceivedAt())
                .setKind(job.kind())
                .setUserReference(job.userReference())
                .build();
    }

    /** A PipelineFailed for {@code job}; stage POLL once GetAccountsDetail was accepted, ACCOUNTS before. */
    public static PipelineFailed pipelineFailed(
            PollJob job,
            String requestId,
            String reason,
            String flinksCode,
            int httpStatus,
            String message,
            Instant now) {
        String type = PipelineFailed.getClassSchema().getName();
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(job.loginId(), requestId, type).toString())
                .setLoginId(job.loginId())
                .setRequestId(requestId)
                .setStage(job.phase() == Phase.POLL ? FailureStage.POLL : FailureStage.ACCOUNTS)
                .setReason(reason)
                .setFlinksCode(flinksCode)
                .setHttpStatus(httpStatus == 0 ? null : httpStatus)
                .setMessage(message)
                .setAttempts(job.attemptsSoFar())
                .setFlow(job.fallback() ? "WEBHOOK" : "STANDARD")
                .setFailedAt(now)
                .build();
    }
}
