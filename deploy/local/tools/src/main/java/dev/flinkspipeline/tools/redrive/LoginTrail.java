package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.tools.kafka.RawRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the pipeline's other topics say about one failed login: what a re-drive can be built from, and
 * whether the login got further after it failed. Fed record by record, in each topic's order.
 */
final class LoginTrail {

    private final Instant failedAt;
    private LoginReceived loginReceived;
    private final Set<String> loginReceivedIds = new HashSet<>();
    private RawRecord latestAccounts;
    private Instant accountsReadyAfter;
    private Instant attributesReadyAfter;

    /** @param failedAt the failure's Kafka timestamp ({@link FailedLogin#at()}) */
    LoginTrail(Instant failedAt) {
        this.failedAt = Objects.requireNonNull(failedAt, "failedAt");
    }

    /** A LoginReceived of the login; the latest one before the failure is the one a re-drive copies. */
    void sawLoginReceived(LoginReceived event, Instant at) {
        loginReceivedIds.add(event.getEventId());
        if (!at.isAfter(failedAt)) {
            loginReceived = event;
        }
    }

    /** An AccountsReady of the login. A re-drive's copy is not new data: it does not count as progress. */
    void sawAccountsReady(RawRecord record) {
        sawAccountsReady(record, false);
    }

    /**
     * An AccountsReady of the login; {@code laterPart}: a part after the first of a snapshot written in parts, never
     * the one a re-drive copies (attributes-service takes a snapshot on with its first part).
     */
    void sawAccountsReady(RawRecord record, boolean laterPart) {
        if (!laterPart) {
            latestAccounts = record;
        }
        if (record.at().isAfter(failedAt)
                && RedriveHeader.read(record.headers()) == null
                && accountsReadyAfter == null) {
            accountsReadyAfter = record.at();
        }
    }

    void sawAttributesReady(Instant at) {
        if (at.isAfter(failedAt) && attributesReadyAfter == null) {
            attributesReadyAfter = at;
        }
    }

    /** The latest LoginReceived at or before the failure, or null. */
    LoginReceived loginReceived() {
        return loginReceived;
    }

    boolean hasLoginReceived(String eventId) {
        return loginReceivedIds.contains(eventId);
    }

    /** The login's latest AccountsReady as it was written, or null. */
    RawRecord latestAccounts() {
        return latestAccounts;
    }

    /** When the first AccountsReady after the failure was written, or null. */
    Instant accountsReadyAfter() {
        return accountsReadyAfter;
    }

    /** When the first AttributesReady after the failure was written, or null. */
    Instant attributesReadyAfter() {
        return attributesReadyAfter;
    }
}
