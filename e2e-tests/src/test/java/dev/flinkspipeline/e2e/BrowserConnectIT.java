package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.IngestClient;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app side in a real browser: the app's back end asks ingest for a Connect session, headless Chromium
 * opens the Connect URL, the customer picks FlinksCapital, signs in as Greatday, answers the MFA questions,
 * selects an account, and Connect sends the browser to ingest's callback; then the pipeline takes the login
 * to AttributesReady.
 */
@Order(5)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES})
class BrowserConnectIT {

    @Test
    void aCustomerCompletesConnectInChromiumAndReachesAttributesReady(@TempDir Path profile) {
        assumeTrue(ConnectBrowser.available(), ConnectBrowser.MISSING);
        String userReference = "browser-" + UUID.randomUUID();
        IngestClient ingest = new IngestClient(E2eStack.stack().ingestUrl(), LocalSecrets.APP_API_KEY);
        IngestClient.ConnectSession session = ingest.createSession(userReference);
        String callback = E2eStack.stack().ingestUrl() + "/connect/callback";

        String selectedAccount;
        String loginId;
        try (ConnectBrowser browser = ConnectBrowser.open(profile)) {
            selectedAccount = browser.connect(session.connectUrl());
            String landedOn = browser.awaitUrl(callback, Duration.ofSeconds(30));
            loginId = browser.query("loginId");
            assertThat(loginId).as("loginId in " + landedOn).isNotBlank();
        }

        CustomerTrace trace = E2eStack.watcher()
                .await(
                        loginId,
                        t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class),
                        Duration.ofSeconds(120));
        String who = loginId + ", saw "
                + trace.events().stream()
                        .map(s -> s.event().getClass().getSimpleName())
                        .toList();
        assertThat(trace.has(PipelineFailed.class)).as(who).isFalse();
        LoginReceived login =
                trace.first(LoginReceived.class).orElseThrow(() -> new AssertionError("no LoginReceived: " + who));
        assertThat(login.getVia()).isEqualTo(LoginSource.REDIRECT_URL);
        assertThat(login.getUserReference()).isEqualTo(userReference);
        assertThat(login.getAccountIds()).containsExactly(selectedAccount);
        assertThat(trace.has(AccountsReady.class)).as(who).isTrue();
        assertThat(trace.has(AttributesReady.class)).as(who).isTrue();
    }
}
