package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.List;

/** The events a re-drive writes. */
final class RedriveEvents {

    /** {@code LoginReceived.institution} when no earlier LoginReceived of the login is left to copy it from. */
    static final String UNKNOWN_INSTITUTION = "unknown";

    private RedriveEvents() {}

    /**
     * The eventId of the LoginReceived re-driving {@code failure}: the same for every run that reads the same
     * failure, so the poller (which deduplicates LoginReceived by eventId) fetches the login once.
     */
    static String loginReceivedId(FailedLogin failure) {
        return EventIds.forEvent(
                        failure.loginId(),
                        null,
                        LoginReceived.getClassSchema().getName(),
                        "redrive:" + failure.redriveId())
                .toString();
    }

    /**
     * A LoginReceived that makes the poller fetch the login again: the standard flow (a webhook-flow login's
     * webhook will not come again), {@code via=API}, and what Connect said (institution, tag, userReference,
     * selected accounts) copied from the login's {@code earlier} LoginReceived when there is one.
     */
    static LoginReceived loginReceived(FailedLogin failure, LoginReceived earlier, Instant now) {
        return LoginReceived.newBuilder()
                .setEventId(loginReceivedId(failure))
                .setLoginId(failure.loginId())
                .setInstitution(earlier != null ? earlier.getInstitution() : UNKNOWN_INSTITUTION)
                .setTag(earlier != null ? earlier.getTag() : null)
                .setUserReference(earlier != null ? earlier.getUserReference() : null)
                .setAccountIds(earlier != null ? List.copyOf(earlier.getAccountIds()) : List.of())
                .setFlow(FlinksFlow.STANDARD)
                .setVia(LoginSource.API)
                .setReceivedAt(now)
                .build();
    }
}
