package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallsByLoginTest {

    static final String UNKNOWN_RID = "00000000-0000-0000-0000-000000000000";
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

    String readyLogin() {
        return http.admin("POST", "/logins", "{\"behaviour\":{\"pendingPolls\":0}}")
                .json()
                .get("loginId")
                .asText();
    }

    /** GET /stats/logins/{loginId}, checked against the same login's entry in GET /stats. */
    Map<String, Long> callsOf(String loginId) {
        JsonNode one = http.admin("GET", "/stats/logins/" + loginId, null).json();
        assertThat(one.get("loginId").asText()).isEqualTo(loginId.toLowerCase(Locale.ROOT));
        JsonNode inStats =
                http.admin("GET", "/stats", null).json().get("callsByLoginId").get(loginId.toLowerCase(Locale.ROOT));
        assertThat(inStats == null ? Json.object() : inStats).isEqualTo(one.get("calls"));
        Map<String, Long> out = new TreeMap<>();
        one.get("calls")
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    Http.Answer attributes(String loginId, String requestId) {
        return http.get(
                http.api + "/insight/login/" + loginId + "/attributes/" + requestId + "/GetIncomeAttributes",
                "x-api-key",
                SandboxConfig.TOOLBOX_API_KEY);
    }

    @Test
    void eachLoginHasItsOwnCountsPerEndpoint() {
        String a = readyLogin();
        String b = readyLogin();
        String ridA = http.requestId(a);
        http.requestId(a);
        String ridB = http.requestId(b);
        assertThat(http.gad("{\"RequestId\":\"" + ridA + "\"}").status()).isEqualTo(200);
        assertThat(http.async(ridA).status()).isEqualTo(200);
        assertThat(http.async(ridA.toUpperCase(Locale.ROOT)).status()).isEqualTo(200);
        assertThat(attributes(a, ridA).status()).isEqualTo(200);
        assertThat(http.async(ridB).status()).isEqualTo(200);

        assertThat(callsOf(a))
                .isEqualTo(Map.of(
                        "Authorize", 2L, "GetAccountsDetail", 1L, "GetAccountsDetailAsync", 2L, "Attributes", 1L));
        assertThat(callsOf(b)).isEqualTo(Map.of("Authorize", 1L, "GetAccountsDetailAsync", 1L));
        assertThat(callsOf(a.toUpperCase(Locale.ROOT))).isEqualTo(callsOf(a));
        // GenerateAuthorizeToken (3 calls) names no login: global only
        JsonNode stats = http.admin("GET", "/stats", null).json();
        assertThat(stats.get("endpoints")
                        .get("GenerateAuthorizeToken")
                        .get("calls")
                        .asInt())
                .isEqualTo(3);
        assertThat(stats.get("callsByLoginId").size()).isEqualTo(2);
        assertThat(stats.get("callsByLoginId").findValues("GenerateAuthorizeToken"))
                .isEmpty();
        // the existing per-login Authorize count is unchanged
        assertThat(stats.get("authorizeByLoginId").get(a).asInt()).isEqualTo(2);

        http.admin("POST", "/reset", null);
        assertThat(callsOf(a)).isEmpty();
        assertThat(http.admin("GET", "/stats", null).json().get("callsByLoginId"))
                .isEmpty();
    }

    @Test
    void callsAnsweredWithErrorsOrInjectedFaultsCountForTheirLogin() {
        String loginId = readyLogin();
        String rid = http.requestId(loginId);
        // wrong x-api-key: refused, but it named the login
        assertThat(http.post(
                                http.api + "/BankingServices/GetAccountsDetail",
                                "{\"RequestId\":\"" + rid + "\"}",
                                "x-api-key",
                                "wrong")
                        .status())
                .isEqualTo(401);
        http.admin("PUT", "/logins/" + loginId + "/behaviour", "{\"accountsDetailFlinksCode\":\"AGGREGATION_ERROR\"}");
        assertThat(http.async(rid).status()).isEqualTo(500);
        http.admin("PUT", "/faults", "{\"endpoint\":\"GetAccountsDetailAsync\",\"retryLaterShare\":1,\"count\":1}");
        assertThat(http.async(rid).json().get("FlinksCode").asText()).isEqualTo("RETRY_LATER");
        http.admin("PUT", "/faults", "{\"endpoint\":\"Authorize\",\"serverErrorShare\":1,\"count\":1}");
        assertThat(http.authorizeCached(loginId).status()).isEqualTo(500);
        // a used token: refused by the handler
        String token = http.token();
        String cached = "{\"LoginId\":\"" + loginId + "\",\"MostRecentCached\":true}";
        assertThat(http.authorize(token, cached).status()).isEqualTo(200);
        assertThat(http.authorize(token, cached).status()).isEqualTo(401);

        assertThat(callsOf(loginId))
                .isEqualTo(Map.of("Authorize", 4L, "GetAccountsDetail", 1L, "GetAccountsDetailAsync", 2L));
        // authorizeByLoginId keeps counting only what the handler processed (the faulted Authorize is not in it)
        assertThat(http.admin("GET", "/stats", null)
                        .json()
                        .get("authorizeByLoginId")
                        .get(loginId)
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void authorizeIsCountedUnderTheLoginItNames() {
        String greatday = LoginDataGenerator.loginIdForUsername("Greatday");
        String token = http.token();
        Http.Answer challenge = http.authorize(token, "{\"Username\":\"Greatday\",\"Password\":\"Everyday\"}");
        assertThat(challenge.status()).isEqualTo(203);
        String rid = challenge.json().get("RequestId").asText();
        http.authorize(
                token,
                "{\"RequestId\":\"" + rid + "\",\"SecurityResponses\":{\"What city were you born in?\":[\"Paris\"]}}");
        assertThat(http.authorize(
                                token,
                                "{\"RequestId\":\"" + rid + "\",\"SecurityResponses\":{"
                                        + "\"What city were you born in?\":[\"Montreal\"],\"What is the best country on earth?\":[\"Canada\"],"
                                        + "\"What shape do people like most?\":[\"Triangle\"]}}")
                        .status())
                .isEqualTo(200);
        assertThat(callsOf(greatday)).isEqualTo(Map.of("Authorize", 3L));

        String stranger = LoginDataGenerator.loginIdForUsername("calls_stranger");
        assertThat(http.authorize(http.token(), "{\"Username\":\"calls_stranger\",\"Password\":\"wrong\"}")
                        .json()
                        .get("FlinksCode")
                        .asText())
                .isEqualTo("INVALID_PASSWORD");
        assertThat(callsOf(stranger)).isEqualTo(Map.of("Authorize", 1L));

        String unknown = "11111111-2222-3333-4444-555555555555";
        assertThat(http.authorizeCached(unknown).json().get("FlinksCode").asText())
                .isEqualTo("INVALID_LOGIN");
        assertThat(callsOf(unknown)).isEqualTo(Map.of("Authorize", 1L));
    }

    @Test
    void aCallWithAnUnknownRequestIdIsCountedUnderNoLogin() {
        String loginId = readyLogin();
        assertThat(http.async(UNKNOWN_RID).status()).isEqualTo(400);
        assertThat(http.gad("{\"RequestId\":\"" + UNKNOWN_RID + "\"}").status()).isEqualTo(400);
        assertThat(http.gad("{\"RequestId\":").status()).isEqualTo(400);
        assertThat(attributes("not-a-login", UNKNOWN_RID).status()).isEqualTo(400);
        // Attributes names its login in the path too: counted for it when the RequestId says nothing
        assertThat(attributes(loginId, UNKNOWN_RID).status()).isEqualTo(400);

        JsonNode stats = http.admin("GET", "/stats", null).json();
        assertThat(stats.get("endpoints")
                        .get("GetAccountsDetailAsync")
                        .get("calls")
                        .asInt())
                .isEqualTo(1);
        assertThat(stats.get("endpoints").get("GetAccountsDetail").get("calls").asInt())
                .isEqualTo(2);
        assertThat(stats.get("endpoints").get("Attributes").get("calls").asInt())
                .isEqualTo(2);
        assertThat(stats.get("callsByLoginId").size()).isEqualTo(1);
        assertThat(callsOf(loginId)).isEqualTo(Map.of("Attributes", 1L));
        assertThat(callsOf(UNKNOWN_RID)).isEmpty();
    }
}
