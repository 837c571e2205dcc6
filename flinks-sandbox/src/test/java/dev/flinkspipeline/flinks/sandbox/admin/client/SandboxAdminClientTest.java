package dev.flinkspipeline.flinks.sandbox.admin.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxAdminClientTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static FlinksSandbox sandbox;
    static SandboxAdminClient admin;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().pendingPolls(1).build());
        admin = new SandboxAdminClient(sandbox.baseUrl() + "/");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        admin.reset();
    }

    @Test
    void createsLoginsWithTheirAccountsAndBehaviour() {
        CreatedLogin login = admin.createLogin(Map.of("pendingPolls", 2, "authorizeFlinksCode", "DISABLED_LOGIN"));

        assertThat(login.loginId()).isNotBlank();
        assertThat(login.accountIds()).isNotEmpty().hasSameSizeAs(login.accounts());
        assertThat(login.accounts()).extracting(CreatedLogin.Account::id).isEqualTo(login.accountIds());
        assertThat(login.raw().path("pendingPolls").asInt()).isEqualTo(2);
        assertThat(login.raw().path("behaviour").path("authorizeFlinksCode").asText())
                .isEqualTo("DISABLED_LOGIN");
        assertThat(login.raw().path("webhooks").asBoolean()).isFalse();

        CreatedLogin changed = admin.behaviour(login.loginId(), Map.of("pendingForever", true));
        assertThat(changed.raw().path("pendingForever").asBoolean()).isTrue();
        CreatedLogin again = admin.behaviour(
                login.loginId(), JsonNodeFactory.instance.objectNode().put("authorizeFlinksCode", ""));
        assertThat(again.raw().path("behaviour").path("authorizeFlinksCode").isNull())
                .isTrue();
        assertThat(admin.login(login.loginId()).accountIds()).isEqualTo(login.accountIds());

        assertThat(admin.createLogin(0).raw().path("pendingPolls").asInt()).isZero();
    }

    @Test
    void namedUsersGetAFreshLoginEachTimeWithTheirTagAndDays() {
        NewLogin request = NewLogin.ofUser("client_test_user")
                .withFireWebhooks(false)
                .withTag("tag-1")
                .withDays("Days365");
        CreatedLogin first = admin.createLogin(request);
        CreatedLogin second = admin.createLogin(request);

        assertThat(first.username()).isEqualTo("client_test_user");
        assertThat(first.loginId()).isNotEqualTo(second.loginId());
        assertThat(first.raw().path("tag").asText()).isEqualTo("tag-1");
        assertThat(first.raw().path("days").asText()).isEqualTo("Days365");
    }

    @Test
    void faultsAreAddedListedAndCleared() {
        JsonNode rules = admin.fault(Map.of("endpoint", "Authorize", "retryLaterShare", 1.0, "count", 2));
        assertThat(rules).hasSize(1);
        admin.fault(JsonNodeFactory.instance
                .objectNode()
                .put("endpoint", "GenerateAuthorizeToken")
                .put("latencyMs", 10));
        assertThat(admin.faults().findValuesAsText("endpoint")).containsExactly("Authorize", "GenerateAuthorizeToken");

        admin.clearFaults();
        assertThat(admin.faults()).isEmpty();
    }

    @Test
    void statsCountCallsThatReachedTheApi() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        assertThat(admin.calls("Authorize")).isZero();
        assertThat(admin.authorizeCalls(login.loginId())).isZero();
        assertThat(admin.stats().path("endpoints").isObject()).isTrue();
    }

    @Test
    void aGatewayRefusalFaultIsSetThroughTheRuleMap() {
        JsonNode rules = admin.fault(Map.of(
                "endpoint", "GenerateAuthorizeToken", "unauthorizedShare", 1.0, "unauthorizedStatus", 403, "count", 1));
        assertThat(rules.get(0).path("unauthorizedShare").asDouble()).isEqualTo(1.0);
        assertThat(rules.get(0).path("unauthorizedStatus").asInt()).isEqualTo(403);

        HttpResponse<String> refused =
                flinks("POST", "GenerateAuthorizeToken", "", "flinks-auth-key", SandboxConfig.TOOLBOX_SECRET_KEY);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(refused.body()).isEqualTo("<html><body>Forbidden</body></html>");
        assertThat(admin.faults()).isEmpty();
    }

    @Test
    void callsOfCountsTheCallsMadeForOneLogin() {
        CreatedLogin login = admin.createLogin(0);
        assertThat(admin.callsOf(login.loginId())).isEmpty();

        String requestId = authorizeCached(login.loginId());
        assertThat(flinks(
                                "GET",
                                "GetAccountsDetailAsync/" + requestId,
                                null,
                                "x-api-key",
                                SandboxConfig.TOOLBOX_API_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(flinks(
                                "GET",
                                "GetAccountsDetailAsync/" + requestId,
                                null,
                                "x-api-key",
                                SandboxConfig.TOOLBOX_API_KEY)
                        .statusCode())
                .isEqualTo(200);

        assertThat(admin.callsOf(login.loginId())).isEqualTo(Map.of("Authorize", 1L, "GetAccountsDetailAsync", 2L));
        assertThat(admin.callsOf("11111111-2222-3333-4444-555555555555")).isEmpty();
        admin.reset();
        assertThat(admin.callsOf(login.loginId())).isEmpty();
    }

    @Test
    void credentialsAreSwitchedAndRestored() {
        String requestId = authorizeCached(admin.createLogin(0).loginId());

        JsonNode switched = admin.credentials(null, "rotated-api-key");
        assertThat(switched.path("apiKeyChanged").asBoolean()).isTrue();
        assertThat(switched.path("secretKeyChanged").asBoolean()).isFalse();
        assertThat(flinks(
                                "GET",
                                "GetAccountsDetailAsync/" + requestId,
                                null,
                                "x-api-key",
                                SandboxConfig.TOOLBOX_API_KEY)
                        .statusCode())
                .isEqualTo(401);
        assertThat(flinks("GET", "GetAccountsDetailAsync/" + requestId, null, "x-api-key", "rotated-api-key")
                        .statusCode())
                .isEqualTo(200);

        admin.credentials("rotated-secret", null);
        assertThat(admin.credentials().path("secretKeyChanged").asBoolean()).isTrue();
        assertThat(admin.credentials().path("apiKeyChanged").asBoolean()).isTrue();
        assertThat(flinks("POST", "GenerateAuthorizeToken", "", "flinks-auth-key", SandboxConfig.TOOLBOX_SECRET_KEY)
                        .statusCode())
                .isEqualTo(401);

        admin.restoreCredentials();
        assertThat(admin.credentials().path("secretKeyChanged").asBoolean()).isFalse();
        assertThat(admin.credentials().path("apiKeyChanged").asBoolean()).isFalse();
        assertThat(flinks(
                                "GET",
                                "GetAccountsDetailAsync/" + requestId,
                                null,
                                "x-api-key",
                                SandboxConfig.TOOLBOX_API_KEY)
                        .statusCode())
                .isEqualTo(200);
        assertThat(authorizeCached(admin.createLogin(0).loginId())).isNotBlank();
    }

    @Test
    void webhookSettingsAndDeliveries() throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode settings = admin.updateWebhooks(Map.of("url", url, "kyc", false, "retryDelayMs", 50));
            assertThat(settings.path("url").asText()).isEqualTo(url);
            assertThat(admin.webhookSettings().path("retryDelayMs").asLong()).isEqualTo(50);

            CreatedLogin login = admin.createLogin(NewLogin.ofUser("client_hook_user"));
            assertThat(login.raw().path("webhooks").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode deliveries = admin.webhookDeliveries(login.loginId());
                return !deliveries.isEmpty()
                        && deliveries.findValuesAsText("status").stream().allMatch("DELIVERED"::equals);
            });
        } finally {
            admin.updateWebhooks(Map.of("url", ""));
            receiver.stop(0);
        }
    }

    @Test
    void unexpectedStatusesThrowWithTheSandboxReason() {
        assertThatThrownBy(() -> admin.login("no-such-login"))
                .isInstanceOfSatisfying(SandboxAdminException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("GET /logins/no-such-login", "404", "Unknown loginId");
                    assertThat(e.body()).contains("Unknown loginId");
                });
        assertThatThrownBy(() -> admin.fault(Map.of("endpoint", "NoSuchEndpoint")))
                .isInstanceOfSatisfying(SandboxAdminException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("unknown endpoint NoSuchEndpoint");
                });
        assertThatThrownBy(() -> admin.behaviour("no-such-login", Map.of("pendingPolls", -1)))
                .isInstanceOf(SandboxAdminException.class);
    }

    @Test
    void rejectsBadArgumentsBeforeCallingTheSandbox() {
        assertThatThrownBy(() -> new SandboxAdminClient("localhost:8090")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.login(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.callsOf(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> admin.credentials(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the Flinks API itself, to make calls the admin API reports on

    static String authorizeCached(String loginId) {
        String token = json(flinks(
                        "POST", "GenerateAuthorizeToken", "", "flinks-auth-key", SandboxConfig.TOOLBOX_SECRET_KEY))
                .path("Token")
                .asText();
        return json(flinks(
                        "POST",
                        "Authorize",
                        "{\"LoginId\":\"" + loginId + "\",\"MostRecentCached\":true}",
                        "flinks-auth-key",
                        token))
                .path("RequestId")
                .asText();
    }

    static HttpResponse<String> flinks(String method, String endpoint, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        sandbox.baseUrl() + "/v3/" + sandbox.config().customerId() + "/BankingServices/" + endpoint))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
