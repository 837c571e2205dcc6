package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FlinksFlow;
import java.util.List;
import java.util.Objects;

/**
 * A validated end of Flinks Connect: what the redirect URL or the {@code REDIRECT} event told us.
 *
 * @param loginId     the Flinks loginId, lower-case GUID
 * @param institution the institution identifier Connect reported
 * @param accountIds  account ids selected in Connect, possibly empty
 * @param session     the Connect session its tag names
 */
public record ConnectLogin(String loginId, String institution, List<String> accountIds, ConnectSession session) {

    public ConnectLogin {
        accountIds = List.copyOf(accountIds);
        Objects.requireNonNull(session, "session");
    }

    /** The tag as received, or null. */
    public String tag() {
        return session.tag();
    }

    /** The application's user reference from a verified signed tag, or null (never log it). */
    public String userReference() {
        return session.userReference();
    }

    /** The back-end flow of the login: its session's, else the deployment default. */
    public FlinksFlow flow() {
        return session.flow();
    }

    @Override
    public String toString() {
        return "ConnectLogin[loginId=" + loginId + ", institution=" + institution + ", flow=" + flow() + ", accounts="
                + accountIds.size() + "]";
    }
}
