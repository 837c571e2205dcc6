package dev.flinkspipeline.poller.it;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** LoginReceived events as ingest writes them. */
final class Logins {

    private Logins() {}

    static LoginReceived login(String loginId, List<String> accountIds) {
        return login(loginId, accountIds, FlinksFlow.STANDARD);
    }

    static LoginReceived login(String loginId, List<String> accountIds, FlinksFlow flow) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return LoginReceived.newBuilder()
                .setFlow(flow)
                .setEventId(EventIds.forEvent(loginId, null, "LoginReceived", now.toString())
                        .toString())
                .setLoginId(loginId)
                .setInstitution("FlinksCapital")
                .setTag("tag-" + loginId)
                .setAccountIds(accountIds)
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(now)
                .build();
    }
}
