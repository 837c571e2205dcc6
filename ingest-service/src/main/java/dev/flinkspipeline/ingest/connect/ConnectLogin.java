package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.FlinksFlow;
import java.util.List;

/**
 * A validated end of Flinks Connect: what the redirect URL or the {@code REDIRECT} event told us.
 *
 * @param loginId       the Flinks loginId, lower-case GUID
 * @param institution   the institution name Connect reported
 * @param tag           the tag as received, or null
 * @param userReference the application's user reference from a verified signed tag, or null when
 *                      tag signing is off (personal-ish: never log it)
 * @param flow          the back-end flow of the login: its session's, else the deployment default
 * @param accountIds    account ids selected in Connect, possibly empty
 */
public record ConnectLogin(String loginId, String institution, String tag, String userReference,
                           FlinksFlow flow, List<String> accountIds) {

    public ConnectLogin {
        accountIds = List.copyOf(accountIds);
    }

    @Override
    public String toString() {
        return "ConnectLogin[loginId=" + loginId + ", institution=" + institution + ", flow=" + flow + ", accounts="
                + accountIds.size() + "]";
    }
}
