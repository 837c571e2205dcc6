package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.demo.IngestClient;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The broker down for about a minute while customers finish Connect: the demo path's customers (the app's
 * back end, the sandbox as Flinks, the browser's callback repeated as ingest's retry page does) and a real
 * headless Chromium, whose callback lands on the retry page and whose script repeats the store. Nothing
 * retries a browser redirect but the page itself: once the broker is back every login is stored, once, and
 * reaches AttributesReady.
 */
@Order(4)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES})
class ConnectOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void customersFinishingConnectWhileTheBrokerIsDownAllReachAttributesReady(@TempDir Path profile) throws Exception {
        LocalStack stack = E2eStack.stack();
        PipelineWatcher watcher = E2eStack.watcher();
        Customers customers = new Customers(stack);
        SandboxAdminClient admin = customers.admin();
        IngestClient ingest = customers.ingest();
        // Webhook-flow customers' webhooks meet the outage too: Flinks (the sandbox) retries them every second.
        JsonNode webhooks = admin.updateWebhooks(Map.of("retryDelayMs", 1000, "maxAttempts", 180));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        ConnectBrowser browser = ConnectBrowser.available() ? ConnectBrowser.open(profile) : null;
        List<String> logins = new ArrayList<>();
        try {
            stack.stop(Component.KAFKA);
            long stopped = System.nanoTime();

            List<Future<Customers.Started>> demo = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Flow flow = i % 3 == 2 ? Flow.WEBHOOK : Flow.STANDARD;
                demo.add(pool.submit(() -> customers.start(flow)));
            }

            String callback = stack.ingestUrl() + "/connect/callback";
            String browserLogin = null;
            if (browser != null) {
                IngestClient.ConnectSession session = ingest.createSession("browser-outage-" + UUID.randomUUID());
                browser.connect(session.connectUrl());
                browser.awaitUrl(callback, Duration.ofSeconds(60));
                browserLogin = browser.query("loginId");
                // The callback could not store the login: the page is repeating the store.
                new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                        .until(d -> "retrying".equals(status(browser)));
                assertThat(demo)
                        .as("no customer is stored while the broker is down")
                        .noneMatch(Future::isDone);
            }

            long left = OUTAGE.toNanos() - (System.nanoTime() - stopped);
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
            stack.start(Component.KAFKA);

            for (Future<Customers.Started> customer : demo) {
                logins.add(customer.get(3, TimeUnit.MINUTES).loginId());
            }
            if (browser != null) {
                new WebDriverWait(browser.driver(), Duration.ofMinutes(2)).until(d -> "stored".equals(status(browser)));
                assertThat(browser.driver().getCurrentUrl()).startsWith(callback);
                logins.add(browserLogin);
            }
        } finally {
            if (!stack.isRunning(Component.KAFKA)) {
                stack.start(Component.KAFKA);
            }
            if (browser != null) {
                browser.close();
            }
            pool.shutdownNow();
            admin.updateWebhooks(Map.of(
                    "retryDelayMs",
                    webhooks.path("retryDelayMs").asLong(2000),
                    "maxAttempts",
                    webhooks.path("maxAttempts").asInt(10)));
        }

        for (String loginId : logins) {
            CustomerTrace trace = watcher.await(
                    loginId, t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class), Duration.ofSeconds(150));
            String who = loginId + ", saw "
                    + trace.events().stream()
                            .map(s -> s.event().getClass().getSimpleName())
                            .toList();
            assertThat(trace.has(PipelineFailed.class)).as(who).isFalse();
            assertThat(trace.has(AttributesReady.class)).as(who).isTrue();
            assertThat(Chains.distinct(trace, LoginReceived.class))
                    .as("one LoginReceived id for " + who)
                    .hasSize(1);
            assertThat(Chains.distinct(trace, AttributesReady.class))
                    .as("one AttributesReady for " + who)
                    .hasSize(1);
        }
        assertThat(logins).hasSize(browser == null ? 6 : 7);
    }

    private static String status(ConnectBrowser browser) {
        return browser.driver().findElements(By.id("connect-status")).stream()
                .findFirst()
                .map(e -> e.getAttribute("data-state"))
                .orElse(null);
    }
}
