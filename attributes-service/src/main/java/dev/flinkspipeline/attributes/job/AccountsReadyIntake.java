package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.SnapshotPart;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to do with an arriving AccountsReady: dead-letter it, skip a snapshot already taken on, or start a job
 * (reusing its requestId or re-authorizing). A snapshot written in parts is judged on its first part alone.
 */
public final class AccountsReadyIntake {

    private final SessionPolicy sessions;
    private final AttributeSet attributeSet;
    private final Duration budget;

    public AccountsReadyIntake(SessionPolicy sessions, AttributeSet attributeSet, Duration budget) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.attributeSet = Objects.requireNonNull(attributeSet, "attributeSet");
        if (!budget.isPositive()) {
            throw new IllegalArgumentException("retry budget must be positive");
        }
        this.budget = budget;
    }

    public sealed interface Decision permits Invalid, Skip, LaterPart, Start {}

    /** Cannot be processed at all: dead-letter it with this reason. */
    public record Invalid(String reason) implements Decision {}

    public record Skip(SnapshotLedger.Verdict verdict, String source) implements Decision {}

    public record LaterPart(String snapshotEventId, int index, int count) implements Decision {}

    /** A new job; {@code mark} is the snapshot state to write with its first outcome. */
    public record Start(Job job, SessionPolicy.Choice choice, SnapshotAccepted mark) implements Decision {}

    /** @param latest the login's latest accepted snapshot (ledger, or earlier in the same batch), or null */
    public Decision judge(AccountsReady event, String redriveId, SnapshotAccepted latest, Instant now) {
        String invalid = validate(event);
        if (invalid != null) {
            return new Invalid(invalid);
        }
        SnapshotPart part = event.getPart();
        if (part != null && part.getIndex() > 0) {
            return new LaterPart(part.getSnapshotEventId(), part.getIndex(), part.getCount());
        }
        String loginId = event.getLoginId();
        String requestId = event.getRequestId();
        String source = event.getSource().name();
        Instant lastRefresh = event.getLogin().getLastRefresh();
        SnapshotLedger.Verdict verdict = SnapshotLedger.judge(latest, lastRefresh, requestId, redriveId);
        if (verdict != SnapshotLedger.Verdict.NEW) {
            return new Skip(verdict, source);
        }
        boolean fromPoll = event.getSource() == AccountsSource.POLL;
        var choice = sessions.choose(fromPoll, event.getRequestIdLastUsedAt(), now);
        Job job = Job.start(
                loginId,
                requestId,
                source,
                lastRefresh,
                attributeSet.name(),
                attributeSet.accountIdsFor(event),
                choice.reuse(),
                event.getRequestIdLastUsedAt(),
                now,
                now.plus(budget));
        SnapshotAccepted mark = SnapshotAccepted.newBuilder()
                .setLoginId(loginId)
                .setLastRefresh(lastRefresh)
                .setAccountsRequestId(requestId)
                .setSource(source)
                .setAcceptedAt(now)
                .setRedriveId(redriveId)
                .build();
        return new Start(job, choice, mark);
    }

    private static String validate(AccountsReady event) {
        if (blank(event.getLoginId())) {
            return "AccountsReady without loginId";
        }
        if (blank(event.getRequestId())) {
            return "AccountsReady without requestId";
        }
        if (event.getSource() == null) {
            return "AccountsReady without source";
        }
        if (event.getLogin() == null) {
            return "AccountsReady without Login";
        }
        String loginIdInLogin = event.getLogin().getId();
        if (!blank(loginIdInLogin) && !loginIdInLogin.equalsIgnoreCase(event.getLoginId())) {
            return "AccountsReady loginId differs from its Login.Id";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
