package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    static final String NOMFA = LoginDataGenerator.loginIdForUsername("greatday_nomfa");
    static final String ROTATED_SECRET = "rotated-secret-0001";
    static final String ROTATED_API_KEY = "rotated-api-key-0001";
    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().pendingPolls(0).build());
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

    Http.Answer token(String secretKey) {
        return http.post(http.api + "/BankingServices/GenerateAuthorizeToken", "", "flinks-auth-key", secretKey);
    }

    Http.Answer async(String requestId, String apiKey) {
        return http.get(http.api + "/BankingServices/GetAccountsDetailAsync/" + requestId, "x-api-key", apiKey);
    }

    Http.Answer gad(String requestId, String apiKey) {
        return http.post(
                http.api + "/BankingServices/GetAccountsDetail",
                "{\"RequestId\":\"" + requestId + "\"}",
                "x-api-key",
                apiKey);
    }

    Http.Answer attributes(String loginId, String requestId, String apiKey) {
        return http.get(
                http.api + "/insight/login/" + loginId + "/attributes/" + requestId + "/GetIncomeAttributes",
                "x-api-key",
                apiKey);
    }

    JsonNode credentials() {
        return http.admin("GET", "/credentials", null).json();
    }

    static void assertSameAnswer(Http.Answer actual, Http.Answer expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.text()).isEqualTo(expected.text());
    }

    @Test
    void aSwitchedSecretKeyRefusesTheOldOneAsAnyWrongKey() {
        Http.Answer wrongKey = token("wrong");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");
        String issuedBefore = http.token();

        Http.Answer switched = http.admin("PUT", "/credentials", "{\"secretKey\":\"" + ROTATED_SECRET + "\"}");
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.text()).doesNotContain(ROTATED_SECRET);
        assertThat(credentials().get("secretKeyChanged").asBoolean()).isTrue();
        assertThat(credentials().get("apiKeyChanged").asBoolean()).isFalse();

        assertSameAnswer(token(SandboxConfig.TOOLBOX_SECRET_KEY), wrongKey);
        assertThat(token(ROTATED_SECRET).status()).isEqualTo(200);
        // the x-api-key is untouched, and a token issued before the switch stays usable
        Http.Answer authorized =
                http.authorize(issuedBefore, "{\"LoginId\":\"" + NOMFA + "\",\"MostRecentCached\":true}");
        assertThat(authorized.status()).isEqualTo(200);
        assertThat(async(authorized.json().get("RequestId").asText(), SandboxConfig.TOOLBOX_API_KEY)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSwitchedApiKeyRefusesTheOldOneOnEveryDataEndpoint() {
        String rid = http.requestId(NOMFA);
        Http.Answer wrongAsync = async(rid, "wrong");
        Http.Answer wrongGad = gad(rid, "wrong");
        Http.Answer wrongAttributes = attributes(NOMFA, rid, "wrong");
        assertThat(wrongAsync.status()).isEqualTo(401);
        assertThat(wrongAsync.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");

        assertThat(http.admin("PUT", "/credentials", "{\"apiKey\":\"" + ROTATED_API_KEY + "\"}")
                        .status())
                .isEqualTo(200);
        assertThat(credentials().get("apiKeyChanged").asBoolean()).isTrue();
        assertThat(credentials().get("secretKeyChanged").asBoolean()).isFalse();
        assertThat(credentials().toString()).doesNotContain(ROTATED_API_KEY);

        assertSameAnswer(async(rid, SandboxConfig.TOOLBOX_API_KEY), wrongAsync);
        assertSameAnswer(gad(rid, SandboxConfig.TOOLBOX_API_KEY), wrongGad);
        assertSameAnswer(attributes(NOMFA, rid, SandboxConfig.TOOLBOX_API_KEY), wrongAttributes);
        assertThat(async(rid, ROTATED_API_KEY).status()).isEqualTo(200);
        assertThat(gad(rid, ROTATED_API_KEY).status()).isEqualTo(200);
        assertThat(attributes(NOMFA, rid, ROTATED_API_KEY).status()).isEqualTo(200);
        // the secret key is untouched
        assertThat(token(SandboxConfig.TOOLBOX_SECRET_KEY).status()).isEqualTo(200);
    }

    @Test
    void deleteAndResetRestoreTheConfiguredKeys() {
        String rid = http.requestId(NOMFA);
        http.admin(
                "PUT",
                "/credentials",
                "{\"secretKey\":\"" + ROTATED_SECRET + "\",\"apiKey\":\"" + ROTATED_API_KEY + "\"}");
        assertThat(async(rid, SandboxConfig.TOOLBOX_API_KEY).status()).isEqualTo(401);

        Http.Answer restored = http.admin("DELETE", "/credentials", null);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("secretKeyChanged").asBoolean()).isFalse();
        assertThat(restored.json().get("apiKeyChanged").asBoolean()).isFalse();
        assertThat(token(SandboxConfig.TOOLBOX_SECRET_KEY).status()).isEqualTo(200);
        assertThat(token(ROTATED_SECRET).status()).isEqualTo(401);
        assertThat(async(rid, SandboxConfig.TOOLBOX_API_KEY).status()).isEqualTo(200);
        assertThat(async(rid, ROTATED_API_KEY).status()).isEqualTo(401);

        http.admin(
                "PUT",
                "/credentials",
                "{\"secretKey\":\"" + ROTATED_SECRET + "\",\"apiKey\":\"" + ROTATED_API_KEY + "\"}");
        http.admin("POST", "/reset", null);
        assertThat(token(SandboxConfig.TOOLBOX_SECRET_KEY).status()).isEqualTo(200);
        assertThat(async(http.requestId(NOMFA), SandboxConfig.TOOLBOX_API_KEY).status())
                .isEqualTo(200);
        assertThat(credentials().get("secretKeyChanged").asBoolean()).isFalse();
        assertThat(credentials().get("apiKeyChanged").asBoolean()).isFalse();
    }

    @Test
    void setTheConfiguredValueIsNoChangeAndBadBodiesAreA400() {
        http.admin("PUT", "/credentials", "{\"apiKey\":\"" + SandboxConfig.TOOLBOX_API_KEY + "\"}");
        assertThat(credentials().get("apiKeyChanged").asBoolean()).isFalse();

        assertThat(http.admin("PUT", "/credentials", "{}").status()).isEqualTo(400);
        assertThat(http.admin("PUT", "/credentials", "{\"apiKey\":\"\"}").status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/credentials", "{\"secretKey\":42}").status())
                .isEqualTo(400);
        assertThat(http.admin("PUT", "/credentials", "{\"secretKey\":null,\"apiKey\":null}")
                        .status())
                .isEqualTo(400);
        assertThat(credentials().get("secretKeyChanged").asBoolean()).isFalse();
    }
}
