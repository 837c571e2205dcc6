package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.schemas.RedriveHeader;
import java.time.Instant;

/**
 * Decides how to re-drive a login from its latest failure and its trail on the other topics:
 * <ul>
 *   <li>CONNECT: nothing to fetch, the customer must reconnect;</li>
 *   <li>an AttributesReady after the failure: the login succeeded later;</li>
 *   <li>ACCOUNTS, POLL, INGEST (nothing or not all data arrived): unless an AccountsReady came later, a new
 *       LoginReceived so the poller fetches the accounts again;</li>
 *   <li>ATTRIBUTES (the accounts are in Kafka): the login's latest AccountsReady again, marked as a re-drive
 *       so attributes-service does not skip it as a snapshot it took on.</li>
 * </ul>
 */
final class RedrivePlanner {

    private RedrivePlanner() {}

    static RedriveDecision decide(FailedLogin failure, LoginTrail trail, Instant now) {
        return switch (failure.stage()) {
            case CONNECT -> skip(failure, "the customer must reconnect (nothing to fetch)");
            case ATTRIBUTES -> attributes(failure, trail);
            case ACCOUNTS, POLL, INGEST -> accounts(failure, trail, now);
        };
    }

    private static RedriveDecision accounts(FailedLogin failure, LoginTrail trail, Instant now) {
        if (trail.attributesReadyAfter() != null) {
            return skip(failure, "succeeded later: AttributesReady at " + trail.attributesReadyAfter());
        }
        if (trail.accountsReadyAfter() != null) {
            return skip(failure, "succeeded later: AccountsReady at " + trail.accountsReadyAfter());
        }
        LoginReceived event = RedriveEvents.loginReceived(failure, trail.loginReceived(), now);
        return new RedriveDecision(
                failure, new RedriveAction.SendLogin(event), trail.hasLoginReceived(event.getEventId()));
    }

    private static RedriveDecision attributes(FailedLogin failure, LoginTrail trail) {
        if (trail.attributesReadyAfter() != null) {
            return skip(failure, "succeeded later: AttributesReady at " + trail.attributesReadyAfter());
        }
        if (trail.latestAccounts() == null) {
            return skip(failure, "no AccountsReady of the login left on Kafka");
        }
        String redriveId = failure.redriveId();
        boolean repeated =
                redriveId.equals(RedriveHeader.read(trail.latestAccounts().headers()));
        return new RedriveDecision(
                failure, new RedriveAction.RepublishAccounts(trail.latestAccounts(), redriveId), repeated);
    }

    private static RedriveDecision skip(FailedLogin failure, String why) {
        return new RedriveDecision(failure, new RedriveAction.Skip(why), false);
    }
}
