package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;

/** Builds {@code LoginReceived} from a validated Connect login. */
public final class LoginEvents {

    public static final String EVENT_TYPE = "LoginReceived";

    private LoginEvents() {
    }

    /**
     * The eventId depends on loginId and tag only, not on how the login reached us nor when: the
     * redirect URL, the relayed {@code REDIRECT} event and any repetition of either yield the same id,
     * so consumers deduplicate them. The signed tag carries a nonce, so a later Connect session of the
     * same login (a reconnect) gets a new id; without tags, one id per loginId.
     */
    public static String eventId(ConnectLogin login) {
        return EventIds.forEvent(login.loginId(), null, EVENT_TYPE, login.tag()).toString();
    }

    public static LoginReceived loginReceived(ConnectLogin login, LoginSource via, Instant receivedAt) {
        return LoginReceived.newBuilder()
                .setEventId(eventId(login))
                .setLoginId(login.loginId())
                .setInstitution(login.institution())
                .setTag(login.tag())
                .setUserReference(login.userReference())
                .setAccountIds(login.accountIds())
                .setFlow(login.flow())
                .setVia(via)
                .setReceivedAt(receivedAt)
                .build();
    }
}
