package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookTest {

    static final String SECRET = "test-hmac-secret";
    static FlinksSandbox sandbox;
    static Http http;

    record Received(String signature, byte[] body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    HttpServer receiver;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Integer> plannedStatuses = new ConcurrentLinkedQueue<>();
    String receiverUrl;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .asOf(LocalDate.of(2025, 5, 1))
                .webhookSecret(SECRET)
                .webhookRetryDelay(Duration.ofMillis(50))
                .webhookMaxAttempts(4)
                .build());
        http = new Http(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void startReceiver() throws Exception {
        http.admin("POST", "/reset", null);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            received.add(new Received(ex.getRequestHeaders().getFirst("flinks-authenticity-key"), body));
            Integer status = plannedStatuses.poll();
            ex.sendResponseHeaders(status == null ? 200 : status, -1);
            ex.close();
        });
        receiver.start();
        receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    @Test
    void kycThenAccountsDetailSignedAndExactlyTheGeneratorPayloads() throws Exception {
        JsonNode login = http.admin(
                        "POST",
                        "/logins",
                        "{\"username\":\"hook_user\",\"tag\":\"userId=42\",\"days\":365,\"webhookUrl\":\"" + receiverUrl
                                + "\"}")
                .json();
        String loginId = login.get("loginId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);

        Received kyc = received.get(0);
        Received gad = received.get(1);
        assertThat(kyc.json().get("ResponseType").asText()).isEqualTo("KYC");
        assertThat(gad.json().get("ResponseType").asText()).isEqualTo("GetAccountsDetail");
        for (Received r : received) {
            assertThat(r.signature()).isEqualTo(hmac(r.body()));
        }
        JsonNode g = gad.json();
        assertThat(g.get("Tag").asText()).isEqualTo("userId=42");
        assertThat(g.get("Login").get("Id").asText()).isEqualTo(loginId);
        String requestId = g.get("RequestId").asText();
        assertThat(kyc.json().get("RequestId").asText()).isEqualTo(requestId);
        byte[] expected = Json.bytes(sandbox.dataGenerator()
                .webhookAccountsDetail(loginId, "hook_user", requestId, "userId=42", DaysOfTransactions.Days365));
        assertThat(new String(gad.body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));

        JsonNode deliveries = http.admin("GET", "/webhooks/deliveries?loginId=" + loginId, null)
                .json();
        assertThat(deliveries).hasSize(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> http.admin("GET", "/webhooks/deliveries", null).json().findValuesAsText("status").stream()
                        .allMatch("DELIVERED"::equals));
    }

    @Test
    void nonOkAnswersAreRetriedUntilA200() {
        http.admin("PUT", "/webhooks", "{\"url\":\"" + receiverUrl + "\",\"kyc\":false}");
        plannedStatuses.addAll(List.of(500, 202));
        http.admin("POST", "/logins", "{\"username\":\"retry_user\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode d = http.admin("GET", "/webhooks/deliveries", null).json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.get("attempts").asInt()).isEqualTo(3);
            assertThat(d.get("statusCodes").toString()).isEqualTo("[500,202,200]");
        });
        assertThat(received.get(0).body()).isEqualTo(received.get(2).body());
    }

    @Test
    void givesUpAfterTheConfiguredAttempts() {
        http.admin("PUT", "/webhooks", "{\"url\":\"" + receiverUrl + "\",\"kyc\":false,\"maxAttempts\":2}");
        plannedStatuses.addAll(List.of(503, 503, 503));
        http.admin("POST", "/logins", "{\"username\":\"failing_user\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode d = http.admin("GET", "/webhooks/deliveries", null).json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("attempts").asInt()).isEqualTo(2);
        });
        assertThat(received).hasSize(2);
    }

    @Test
    void connectionErrorsAreRetriedToo() {
        http.admin("PUT", "/webhooks", "{\"url\":\"http://127.0.0.1:1/closed\",\"kyc\":false,\"maxAttempts\":2}");
        http.admin("POST", "/logins", "{\"username\":\"unreachable_user\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode d = http.admin("GET", "/webhooks/deliveries", null).json().get(0);
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("history").get(0).get("error").asText()).isNotBlank();
        });
    }

    @Test
    void duplicateAndOutOfOrderMisbehaviour() {
        http.admin("PUT", "/webhooks", "{\"url\":\"" + receiverUrl + "\",\"duplicate\":true,\"outOfOrder\":true}");
        http.admin("POST", "/logins", "{\"username\":\"messy_user\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        assertThat(received.stream()
                        .map(r -> r.json().get("ResponseType").asText())
                        .toList())
                .containsExactly("GetAccountsDetail", "GetAccountsDetail", "KYC", "KYC");
    }

    @Test
    void noWebhookWithoutTargetOrWhenNotAsked() {
        http.admin("POST", "/logins", "{\"username\":\"quiet_user\"}");
        http.admin(
                "POST",
                "/logins",
                "{\"username\":\"quiet_user_2\",\"webhookUrl\":\"" + receiverUrl + "\",\"fireWebhooks\":false}");
        assertThat(http.admin("GET", "/webhooks/deliveries", null).json()).isEmpty();
    }
}
