package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminApiTest {

    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().pendingPolls(1).build());
        http = new Http(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        http.admin("POST", "/reset", null);
    }

    String create(String body) {
        Http.Answer a = http.admin("POST", "/logins", body);
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().get("loginId").asText();
    }

    @Test
    void createdLoginsAreUsableAndCounted() {
        Http.Answer a = http.admin("POST", "/logins", "{\"tag\":\"t1\"}");
        assertThat(a.status()).isEqualTo(201);
        String loginId = a.json().get("loginId").asText();
        assertThat(a.json().get("accountIds").size()).isBetween(2, 4);
        String rid = http.requestId(loginId);
        assertThat(http.gad("{\"RequestId\":\"" + rid + "\"}").status()).isEqualTo(202);
        assertThat(http.async(rid).status()).isEqualTo(200);
        http.requestId(loginId);

        JsonNode stats = http.admin("GET", "/stats", null).json();
        assertThat(stats.get("authorizeByLoginId").get(loginId).asInt()).isEqualTo(2);
        assertThat(stats.get("endpoints").get("Authorize").get("calls").asInt()).isEqualTo(2);
        assertThat(stats.get("endpoints")
                        .get("GetAccountsDetail")
                        .get("statuses")
                        .get("202")
                        .asInt())
                .isEqualTo(1);
        assertThat(stats.get("endpoints")
                        .get("GetAccountsDetailAsync")
                        .get("statuses")
                        .get("200")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.admin("GET", "/logins/" + loginId, null)
                        .json()
                        .get("ready")
                        .asBoolean())
                .isTrue();

        http.admin("POST", "/reset", null);
        assertThat(http.admin("GET", "/stats", null).json().get("endpoints")).isEmpty();
        assertThat(http.authorizeCached(loginId).json().get("FlinksCode").asText())
                .isEqualTo("INVALID_LOGIN");
    }

    @Test
    void perLoginBehaviour() {
        String loginId = create("{\"username\":\"behaving\",\"behaviour\":{\"pendingForever\":true}}");
        String rid = http.requestId(loginId);
        for (int i = 0; i < 5; i++) {
            assertThat(http.async(rid).status()).isEqualTo(202);
        }
        http.admin("PUT", "/logins/" + loginId + "/behaviour", "{\"pendingForever\":false,\"pendingPolls\":2}");
        assertThat(http.async(rid).status()).isEqualTo(202);
        assertThat(http.async(rid).status()).isEqualTo(202);
        assertThat(http.async(rid).status()).isEqualTo(200);

        http.admin("PUT", "/logins/" + loginId + "/behaviour", "{\"accountsDetailFlinksCode\":\"AGGREGATION_ERROR\"}");
        Http.Answer gadFails = http.async(rid);
        assertThat(gadFails.status()).isEqualTo(500);
        assertThat(gadFails.json().get("FlinksCode").asText()).isEqualTo("AGGREGATION_ERROR");

        http.admin("PUT", "/logins/" + loginId + "/behaviour", "{\"authorizeFlinksCode\":\"NEW_ACCOUNT\"}");
        assertThat(http.authorizeCached(loginId).json().get("FlinksCode").asText())
                .isEqualTo("NEW_ACCOUNT");

        http.admin(
                "PUT",
                "/logins/" + loginId + "/behaviour",
                "{\"authorizeFlinksCode\":null,\"mfaOnCachedAuthorize\":true}");
        Http.Answer mfa = http.authorizeCached(loginId);
        assertThat(mfa.status()).isEqualTo(203);
        assertThat(mfa.json().get("SecurityChallenges").size()).isEqualTo(3);

        assertThat(http.admin("PUT", "/logins/" + loginId + "/behaviour", "{\"authorizeFlinksCode\":\"NOPE\"}")
                        .status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/logins/unknown/behaviour", "{}").status())
                .isEqualTo(404);
    }

    @Test
    void faultsForTheNextCallsThenNormal() {
        String loginId = create("{\"behaviour\":{\"pendingPolls\":0}}");
        String rid = http.requestId(loginId);
        assertThat(http.admin(
                                "PUT",
                                "/faults",
                                "{\"endpoint\":\"GetAccountsDetailAsync\",\"tooManyRequestsShare\":1,"
                                        + "\"tooManyRequestsStatus\":429,\"count\":2}")
                        .status())
                .isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            Http.Answer a = http.async(rid);
            assertThat(a.status()).isEqualTo(429);
            assertThat(a.json().get("FlinksCode").asText()).isEqualTo("TOO_MANY_REQUESTS");
        }
        assertThat(http.async(rid).status()).isEqualTo(200);

        http.admin("PUT", "/faults", "{\"endpoint\":\"GetAccountsDetailAsync\",\"malformedShare\":1,\"count\":1}");
        Http.Answer malformed = http.async(rid);
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.json()).isNull();

        http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"retryLaterShare\":1,\"count\":1}");
        assertThat(http.authorizeCached(loginId).json().get("FlinksCode").asText())
                .isEqualTo("RETRY_LATER");

        http.admin("PUT", "/faults", "{\"endpoint\":\"*\",\"serverErrorShare\":1,\"serverErrorStatus\":503}");
        assertThat(http.async(rid).status()).isEqualTo(503);
        assertThat(http.admin("GET", "/faults", null).json()).hasSize(1);
        http.admin("DELETE", "/faults", null);
        assertThat(http.async(rid).status()).isEqualTo(200);

        http.admin("PUT", "/faults", "{\"endpoint\":\"GetAccountsDetailAsync\",\"latencyMs\":300,\"count\":1}");
        long t0 = System.nanoTime();
        assertThat(http.async(rid).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void aGatewayRefusalIsHtmlWithoutAFlinksEnvelope() {
        String loginId = create("{\"behaviour\":{\"pendingPolls\":0}}");
        String rid = http.requestId(loginId);
        assertThat(http.admin(
                                "PUT",
                                "/faults",
                                "{\"endpoint\":\"GetAccountsDetailAsync\",\"unauthorizedShare\":1,\"count\":2}")
                        .json()
                        .get(0)
                        .get("unauthorizedStatus")
                        .asInt())
                .isEqualTo(401);
        for (int i = 0; i < 2; i++) {
            assertRefused(http.async(rid), 401);
        }
        assertThat(http.async(rid).status()).isEqualTo(200);

        http.admin(
                "PUT",
                "/faults",
                "{\"endpoint\":\"*\",\"unauthorizedShare\":1,\"unauthorizedStatus\":403,\"count\":1}");
        assertRefused(
                http.post(
                        http.api + "/BankingServices/GenerateAuthorizeToken",
                        "",
                        "flinks-auth-key",
                        SandboxConfig.TOOLBOX_SECRET_KEY),
                403);
        assertThat(http.token()).isNotBlank();

        http.admin("PUT", "/faults", "{\"endpoint\":\"GetAccountsDetail\",\"unauthorizedShare\":0}");
        assertThat(http.gad("{\"RequestId\":\"" + rid + "\"}").status()).isEqualTo(200);
        JsonNode stats = http.admin("GET", "/stats", null).json().get("endpoints");
        assertThat(stats.get("GetAccountsDetailAsync")
                        .get("statuses")
                        .get("401")
                        .asInt())
                .isEqualTo(2);
    }

    static void assertRefused(Http.Answer a, int status) {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(a.text()).isEqualTo("<html><body>Forbidden</body></html>");
        assertThat(a.text()).doesNotContain("FlinksCode");
    }

    @Test
    void badAdminInputIsAClear400() {
        Http.Answer a = http.admin("PUT", "/faults", "{\"endpoint\":\"Nope\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("Message").asText()).contains("unknown endpoint");
        assertThat(http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"retryLaterShare\":2}")
                        .status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"tooManyRequestsStatus\":418}")
                        .status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"unauthorizedStatus\":429}")
                        .status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"unauthorizedShare\":1.5}")
                        .status())
                .isEqualTo(400);
        assertThat(http.admin("POST", "/logins", "{\"days\":\"Days7\"}").status())
                .isEqualTo(400);
        assertThat(http.admin("POST", "/logins", "{not json").status()).isEqualTo(400);
        assertThat(http.admin("GET", "/nothing", null).status()).isEqualTo(404);
        assertThat(http.get(
                                sandbox.baseUrl() + "/v3/wrong-customer/BankingServices/GetAccountsDetailAsync/x",
                                "x-api-key",
                                SandboxConfig.TOOLBOX_API_KEY)
                        .status())
                .isEqualTo(401);
        assertThat(http.get(sandbox.baseUrl() + "/nothing").status()).isEqualTo(404);
    }
}
