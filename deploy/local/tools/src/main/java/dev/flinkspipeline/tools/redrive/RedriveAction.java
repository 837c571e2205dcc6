package dev.flinkspipeline.tools.redrive;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.tools.kafka.RawRecord;

/** What re-driving one failed login means. */
sealed interface RedriveAction {

    /** Nothing or not all data arrived: the poller fetches the login again (cached Authorize, GetAccountsDetail). */
    record SendLogin(LoginReceived event) implements RedriveAction {}

    /** The accounts are in Kafka: attributes-service takes the same AccountsReady on again. */
    record RepublishAccounts(RawRecord accounts, String redriveId) implements RedriveAction {}

    /** Not re-driven, and why (never personal data). */
    record Skip(String why) implements RedriveAction {}
}
