package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that gives up on a slow synchronous GetAccountsDetail goes on with GetAccountsDetailAsync on the
 * same RequestId: the sandbox registers the GAD (options, pending poll) when it receives it, and only the
 * answer waits for the injected latency.
 */
class SlowAccountsDetailTest {

    @Test
    void asyncCarriesOnAfterTheClientGaveUpOnASlowGetAccountsDetail() {
        try (FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.builder().build())) {
            Http http = new Http(sandbox);
            JsonNode login = http.admin(
                            "POST",
                            "/logins",
                            "{\"username\":\"slow_gad_user\",\"fireWebhooks\":false,\"behaviour\":{\"pendingPolls\":2}}")
                    .json();
            String loginId = login.get("loginId").asText();
            String rid = http.requestId(loginId);
            http.admin("PUT", "/faults", "{\"endpoint\":\"GetAccountsDetail\",\"latencyMs\":3000,\"count\":1}");

            // options other than the session's defaults, so the Async answer shows whether the GAD was registered
            String gad = "{\"RequestId\":\"" + rid + "\",\"WithAccountIdentity\":true,\"WithKYC\":true,"
                    + "\"WithTransactions\":true,\"DaysOfTransactions\":\"Days365\"}";
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.client.send(
                            HttpRequest.newBuilder(URI.create(http.api + "/BankingServices/GetAccountsDetail"))
                                    .timeout(Duration.ofMillis(500))
                                    .header("Content-Type", "application/json")
                                    .header("x-api-key", SandboxConfig.TOOLBOX_API_KEY)
                                    .POST(HttpRequest.BodyPublishers.ofString(gad))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);

            List<Integer> statuses = new ArrayList<>();
            Http.Answer async;
            do {
                async = http.async(rid);
                statuses.add(async.status());
            } while (async.status() == 202 && statuses.size() < 5);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            // the slow GAD took the first of the two pending answers when it was received
            assertThat(statuses).containsExactly(202, 200);
            assertThat(elapsedMs).as("Async did not wait for the slow GAD").isLessThan(2500);
            byte[] expected = sandbox.dataGenerator()
                    .accountsDetailBytes(loginId, "slow_gad_user", GadOptions.full(DaysOfTransactions.Days365), rid);
            assertThat(async.text()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(async.json().get("Accounts").size()).isBetween(2, 4);
            assertThat(sandbox.state().stats().callsOf(loginId))
                    .isEqualTo(Map.of("Authorize", 1L, "GetAccountsDetail", 1L, "GetAccountsDetailAsync", 2L));
        }
    }
}
