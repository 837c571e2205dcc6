package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker stopped during a burst of webhooks: ingest cannot make them durable, so it answers 503 and
 * Flinks (the sandbox) retries; once the broker is back, every webhook lands and every customer completes,
 * nothing lost and nothing doubled.
 */
@Order(4)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES})
class BrokerOutageIT {

    @Test
    void webhooksAnswered503WhileTheBrokerIsDownAllLandOnceItIsBack() throws Exception {
        LocalStack stack = E2eStack.stack();
        PipelineWatcher watcher = E2eStack.watcher();
        Customers customers = new Customers(stack);
        SandboxAdminClient admin = customers.admin();
        // Retries every second, for long enough to outlast a broker restart on a busy machine.
        JsonNode before = admin.updateWebhooks(Map.of("retryDelayMs", 1000, "maxAttempts", 90));
        try {
            stack.stop(Component.KAFKA);
            List<CreatedLogin> burst = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                burst.add(customers.webhookOnly());
            }
            for (CreatedLogin login : burst) {
                assertThat(awaitStatus(admin, login.loginId(), 503))
                        .as("ingest answered 503 to a webhook of " + login.loginId() + " while Kafka was down: "
                                + admin.webhookDeliveries(login.loginId()))
                        .isTrue();
            }
            assertThat(burst).allMatch(l -> !watcher.trace(l.loginId()).has(AccountsReady.class));

            stack.start(Component.KAFKA);

            for (CreatedLogin login : burst) {
                CustomerTrace trace = watcher.await(
                        login.loginId(),
                        t -> t.has(KycReceived.class) && t.has(AttributesReady.class) || t.has(PipelineFailed.class),
                        Duration.ofSeconds(150));
                String who = login.loginId() + ", saw "
                        + trace.events().stream()
                                .map(s -> s.event().getClass().getSimpleName())
                                .toList()
                        + ", deliveries " + admin.webhookDeliveries(login.loginId());
                assertThat(trace.has(PipelineFailed.class)).as(who).isFalse();
                assertThat(Chains.distinct(trace, KycReceived.class))
                        .as("one KycReceived for " + who)
                        .hasSize(1);
                assertThat(Chains.distinct(trace, AccountsReady.class).stream()
                                .filter(a -> a.getSource() == AccountsSource.WEBHOOK))
                        .as("one AccountsReady(WEBHOOK) for " + who)
                        .hasSize(1);
                assertThat(Chains.distinct(trace, AttributesReady.class))
                        .as("one AttributesReady for " + who)
                        .hasSize(1);
                for (JsonNode delivery : admin.webhookDeliveries(login.loginId())) {
                    assertThat(delivery.path("status").asText()).as(who).isEqualTo("DELIVERED");
                }
            }
        } finally {
            if (!stack.isRunning(Component.KAFKA)) {
                stack.start(Component.KAFKA);
            }
            admin.updateWebhooks(Map.of(
                    "retryDelayMs",
                    before.path("retryDelayMs").asLong(2000),
                    "maxAttempts",
                    before.path("maxAttempts").asInt(10)));
        }
    }

    /** Waits until a webhook delivery of {@code loginId} recorded HTTP {@code status}. */
    private static boolean awaitStatus(SandboxAdminClient admin, String loginId, int status)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode delivery : admin.webhookDeliveries(loginId)) {
                for (JsonNode code : delivery.path("statusCodes")) {
                    if (code.asInt() == status) {
                        return true;
                    }
                }
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return false;
    }
}
