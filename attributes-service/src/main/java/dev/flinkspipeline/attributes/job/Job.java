package dev.flinkspipeline.attributes.job;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one Attributes job, everything an instance needs to continue it (it travels in the scheduled-retry
 * topic between attempts).
 *
 * @param accountsRequestId the RequestId of the AccountsReady that started the job: with loginId, its identity
 * @param accountIds        AccountFilter of a custom attribute set (empty: none)
 * @param requestId         the session in use (null before the first Authorize on that path)
 * @param consecutiveFaults failed attempts in a row (drives the exponential backoff)
 * @param deadline          after this the job fails rather than retries
 * @param last              the last answer that did not finish the job, or null
 */
public record Job(
        String loginId,
        String accountsRequestId,
        String source,
        Instant snapshotLastRefresh,
        String attributeSet,
        List<String> accountIds,
        Step step,
        String requestId,
        Instant requestIdLastUsedAt,
        int authorizations,
        int attempts,
        int consecutiveFaults,
        Instant firstAttemptAt,
        Instant deadline,
        LastAnswer last) {

    public static final String POLL = "POLL";
    public static final String WEBHOOK = "WEBHOOK";

    public Job {
        requireText(loginId, "loginId");
        requireText(accountsRequestId, "accountsRequestId");
        requireText(source, "source");
        requireText(attributeSet, "attributeSet");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(firstAttemptAt, "firstAttemptAt");
        Objects.requireNonNull(deadline, "deadline");
        accountIds = accountIds == null ? List.of() : List.copyOf(accountIds);
        if (step != Step.AUTHORIZE && (requestId == null || requestId.isBlank())) {
            throw new IllegalArgumentException("step " + step + " needs a requestId");
        }
    }

    /** A new job for a snapshot, starting with REUSE or AUTHORIZE. */
    public static Job start(
            String loginId,
            String accountsRequestId,
            String source,
            Instant snapshotLastRefresh,
            String attributeSet,
            List<String> accountIds,
            boolean reuse,
            Instant requestIdLastUsedAt,
            Instant now,
            Instant deadline) {
        return new Job(
                loginId,
                accountsRequestId,
                source,
                snapshotLastRefresh,
                attributeSet,
                accountIds,
                reuse ? Step.REUSE : Step.AUTHORIZE,
                reuse ? accountsRequestId : null,
                reuse ? requestIdLastUsedAt : null,
                0,
                0,
                0,
                now,
                deadline,
                null);
    }

    public Job withStep(Step next) {
        return with(next, requestId, requestIdLastUsedAt, authorizations, attempts, consecutiveFaults, deadline, last);
    }

    /** The session was used at {@code now} (any answer from Flinks keeps it alive). */
    public Job touched(Instant now) {
        return with(step, requestId, now, authorizations, attempts, consecutiveFaults, deadline, last);
    }

    /** A session of our own was opened at {@code now}; continue with {@code next}. */
    public Job authorized(String newRequestId, Instant now, Step next) {
        requireText(newRequestId, "requestId");
        return with(next, newRequestId, now, authorizations + 1, attempts, consecutiveFaults, deadline, last);
    }

    /** The session expired: open another one, keeping {@code answer} for the report. */
    public Job reauthorizing(LastAnswer answer) {
        return withStep(Step.AUTHORIZE).progress(attempts, consecutiveFaults, deadline, answer);
    }

    /** One more attempt finished; {@code fault}: it failed (else it progressed or Flinks said 202). */
    public Job attempted(boolean fault, LastAnswer answer) {
        return progress(attempts + 1, fault ? consecutiveFaults + 1 : 0, deadline, answer == null ? last : answer);
    }

    /** One more attempt, stopped by a refusal of our own credentials: not the job's fault (no backoff growth). */
    public Job parked(LastAnswer answer) {
        return progress(attempts + 1, consecutiveFaults, deadline, answer);
    }

    /** The same job with its deadline at {@code newDeadline} (credited the time it was held back). */
    public Job withDeadline(Instant newDeadline) {
        return newDeadline.equals(deadline) ? this : progress(attempts, consecutiveFaults, newDeadline, last);
    }

    private Job progress(int attempts, int consecutiveFaults, Instant deadline, LastAnswer last) {
        return with(step, requestId, requestIdLastUsedAt, authorizations, attempts, consecutiveFaults, deadline, last);
    }

    private Job with(
            Step step,
            String requestId,
            Instant requestIdLastUsedAt,
            int authorizations,
            int attempts,
            int consecutiveFaults,
            Instant deadline,
            LastAnswer last) {
        return new Job(
                loginId,
                accountsRequestId,
                source,
                snapshotLastRefresh,
                attributeSet,
                accountIds,
                step,
                requestId,
                requestIdLastUsedAt,
                authorizations,
                attempts,
                consecutiveFaults,
                firstAttemptAt,
                deadline,
                last);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
