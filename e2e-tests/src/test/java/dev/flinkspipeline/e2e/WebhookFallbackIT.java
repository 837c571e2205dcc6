package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.webhook.WebhookSignature;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A webhook-flow customer whose GetAccountsDetail webhook never comes: nothing is polled during the grace,
 * then the poller's one fallback fetch produces the AccountsReady and attributes reuse its session. The
 * webhook arriving late afterwards, 20 times at once, carries the same snapshot eventId and changes
 * nothing downstream: one AttributesReady, and accounts-streams writes each transaction once.
 */
@Order(3)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS})
class WebhookFallbackIT {

    @Test
    void aMissingWebhookGetsOneFallbackAndTheLateWebhookChangesNothing() throws Exception {
        Customers customers = new Customers(E2eStack.stack());
        PipelineWatcher watcher = E2eStack.watcher();
        Instant start = Instant.now();
        Customers.Started customer = customers.startWithoutWebhooks();
        String loginId = customer.loginId();

        CustomerTrace trace = watcher.await(
                loginId,
                t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class),
                E2eStack.WEBHOOK_GRACE.plusSeconds(90));
        assertThat(trace.has(PipelineFailed.class))
                .as("PipelineFailed " + trace.first(PipelineFailed.class))
                .isFalse();
        AccountsReady fallback = trace.first(AccountsReady.class).orElseThrow();
        assertThat(fallback.getFallback()).isTrue();
        assertThat(fallback.getSource()).isEqualTo(AccountsSource.POLL);
        assertThat(fallback.getUserReference()).isEqualTo(customer.userReference());
        assertThat(Duration.between(start, fallback.getReceivedAt())).isGreaterThanOrEqualTo(E2eStack.WEBHOOK_GRACE);
        // One session: the fallback's, reused by attributes.
        Map<String, Long> calls = customers.admin().callsOf(loginId);
        BothFlowsIT.assertFlinksCalls(customer, calls);

        byte[] webhook = lateWebhook(customer);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 20; i++) {
            answers.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create(E2eStack.stack().ingestUrl() + "/webhooks/flinks"))
                            .header("Content-Type", "application/json")
                            .header(
                                    "flinks-authenticity-key",
                                    WebhookSignature.sign(LocalSecrets.WEBHOOK_SECRET, webhook))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(webhook))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
        }

        CustomerTrace after = watcher.await(
                loginId,
                t -> t.all(AccountsReady.class).stream()
                                .filter(a -> a.getSource() == AccountsSource.WEBHOOK)
                                .count()
                        >= 20,
                Duration.ofSeconds(60));
        assertThat(after.all(AccountsReady.class))
                .as("every AccountsReady names the one snapshot")
                .allSatisfy(a -> assertThat(a.getEventId()).isEqualTo(fallback.getEventId()));
        assertThat(after.all(AccountsReady.class).stream().filter(a -> a.getSource() == AccountsSource.WEBHOOK))
                .allSatisfy(a -> assertThat(a.getUserReference()).isEqualTo(customer.userReference()));
        Thread.sleep(3_000);
        CustomerTrace settled = watcher.trace(loginId);
        assertThat(Chains.distinct(settled, AttributesReady.class))
                .as("one AttributesReady")
                .hasSize(1);
        assertThat(settled.has(PipelineFailed.class)).isFalse();
        assertThat(customers.admin().callsOf(loginId))
                .as("the late webhook cost no Flinks call")
                .isEqualTo(calls);
        // accounts-streams met the snapshot 21 times: still one state per account, each transaction once.
        Chains.assertSplitOnce(watcher, fallback, Duration.ofSeconds(60));
    }

    /** The GetAccountsDetail webhook Flinks would have sent: the sandbox's data for the login, signed tag. */
    private static byte[] lateWebhook(Customers.Started customer) {
        LoginDataGenerator data = new LoginDataGenerator(0, LocalDate.now(ZoneOffset.UTC));
        return data.webhookAccountsDetail(
                        customer.loginId(),
                        "Greatday",
                        UUID.randomUUID().toString(),
                        customer.tag(),
                        DaysOfTransactions.Days90)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
