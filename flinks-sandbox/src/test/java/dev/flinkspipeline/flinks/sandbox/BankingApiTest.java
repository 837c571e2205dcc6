package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BankingApiTest {

    static final String GREATDAY = LoginDataGenerator.loginIdForUsername("Greatday");
    static final String NOMFA = LoginDataGenerator.loginIdForUsername("greatday_nomfa");
    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .asOf(LocalDate.of(2025, 6, 30))
                .seed(7)
                .tokenTtl(Duration.ofMillis(400))
                .requestIdIdleTimeout(Duration.ofMillis(600))
                .build());
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

    @Test
    void generateAuthorizeTokenNeedsTheSecretKey() {
        assertThat(http.token()).isNotBlank();
        Http.Answer bad =
                http.post(http.api + "/BankingServices/GenerateAuthorizeToken", "", "flinks-auth-key", "nope");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(bad.json().get("HttpStatusCode").asInt()).isEqualTo(401);
        assertThat(bad.json().get("Message").asText()).isEqualTo("You must provide a valid auth key");
    }

    @Test
    void cachedAuthorizeOpensASessionAndTheTokenIsSingleUse() {
        String token = http.token();
        Http.Answer a = http.authorize(token, "{\"loginId\":\"" + NOMFA + "\",\"mostRecentCached\":true}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("Login").get("Id").asText()).isEqualTo(NOMFA);
        assertThat(a.json().get("Login").get("Username").asText()).isEqualTo("greatday_nomfa");
        assertThat(a.json().get("Institution").asText()).isEqualTo("FlinksCapital");
        assertThat(a.json().get("RequestId").asText()).hasSize(36);

        Http.Answer again = http.authorize(token, "{\"LoginId\":\"" + NOMFA + "\",\"MostRecentCached\":true}");
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");

        // the secret key is not an authorize token
        assertThat(http.authorize(SandboxConfig.TOOLBOX_SECRET_KEY, "{\"LoginId\":\"" + NOMFA + "\"}")
                        .status())
                .isEqualTo(401);
        assertThat(sandbox.state().stats().authorizeCalls(NOMFA)).isEqualTo(1);
    }

    @Test
    void tokenExpiresAfterItsTtl() throws Exception {
        String token = http.token();
        Thread.sleep(500);
        Http.Answer a = http.authorize(token, "{\"LoginId\":\"" + NOMFA + "\",\"MostRecentCached\":true}");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void unknownLoginIdAndToolboxFailureUsers() {
        Http.Answer unknown = http.authorizeCached("11111111-2222-3333-4444-555555555555");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("FlinksCode").asText()).isEqualTo("INVALID_LOGIN");

        Http.Answer disabled = http.authorize(
                http.token(),
                "{\"Institution\":\"FlinksCapital\",\"Username\":\"test_disabled_account\",\"Password\":\"Everyday\",\"MostRecentCached\":false}");
        assertThat(disabled.json().get("FlinksCode").asText()).isEqualTo("DISABLED_LOGIN");
        Http.Answer unavailable =
                http.authorize(http.token(), "{\"username\":\"test_service_unavailable\",\"password\":\"Everyday\"}");
        assertThat(unavailable.status()).isEqualTo(401);
        assertThat(unavailable.json().get("FlinksCode").asText()).isEqualTo("RETRY_LATER");
        Http.Answer malformed = http.authorize(http.token(), "{\"LoginId\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("FlinksCode").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void credentialsWithMfaTakeTwoRoundsWithTheSameToken() {
        String token = http.token();
        Http.Answer first = http.authorize(
                token,
                "{\"Institution\":\"FlinksCapital\",\"Username\":\"Greatday\",\"Password\":\"Everyday\",\"MostRecentCached\":false,\"Save\":true}");
        assertThat(first.status()).isEqualTo(203);
        JsonNode challenges = first.json().get("SecurityChallenges");
        assertThat(challenges).hasSize(3);
        assertThat(challenges.get(0).get("Type").asText()).isEqualTo("QuestionAndAnswer");
        String requestId = first.json().get("RequestId").asText();

        Http.Answer wrong = http.authorize(
                token,
                "{\"RequestId\":\"" + requestId + "\",\"SecurityResponses\":{"
                        + "\"What city were you born in?\":[\"Paris\"],\"What is the best country on earth?\":[\"Canada\"],"
                        + "\"What shape do people like most?\":[\"Triangle\"]}}");
        assertThat(wrong.json().get("FlinksCode").asText()).isEqualTo("INVALID_SECURITY_RESPONSE");

        Http.Answer ok = http.authorize(
                token,
                "{\"requestId\":\"" + requestId + "\",\"securityResponses\":{"
                        + "\"What city were you born in?\":[\"Montreal\"],\"What is the best country on earth?\":[\"Canada\"],"
                        + "\"What shape do people like most?\":[\"triangle\"]}}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("RequestId").asText()).isEqualTo(requestId);
        assertThat(ok.json().get("Login").get("Id").asText()).isEqualTo(GREATDAY);

        // the token served its session: no other use
        assertThat(http.authorize(token, "{\"LoginId\":\"" + GREATDAY + "\",\"MostRecentCached\":true}")
                        .status())
                .isEqualTo(401);
        // a cached authorize of Greatday has no MFA
        assertThat(http.authorizeCached(GREATDAY).status()).isEqualTo(200);
    }

    @Test
    void newConnectionAnswers202ForThreePollsThen200() {
        http.authorize(
                http.token(), "{\"Username\":\"someone_new\",\"Password\":\"Everyday\",\"MostRecentCached\":false}");
        String loginId = LoginDataGenerator.loginIdForUsername("someone_new");
        String rid = http.requestId(loginId);
        String body = "{\"RequestId\":\"" + rid + "\",\"WithAccountIdentity\":true,\"WithKYC\":true,"
                + "\"WithTransactions\":true,\"DaysOfTransactions\":\"Days365\"}";
        Http.Answer gad = http.gad(body);
        assertThat(gad.status()).isEqualTo(202);
        assertThat(gad.json().get("FlinksCode").asText()).isEqualTo("OPERATION_PENDING");
        assertThat(gad.json().get("RequestId").asText()).isEqualTo(rid);
        assertThat(http.async(rid).status()).isEqualTo(202);
        assertThat(http.async(rid).status()).isEqualTo(202);
        Http.Answer done = http.async(rid);
        assertThat(done.status()).isEqualTo(200);
        // exactly the generator's bytes
        byte[] expected = sandbox.dataGenerator()
                .accountsDetailBytes(loginId, "someone_new", GadOptions.full(DaysOfTransactions.Days365), rid);
        assertThat(done.text()).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        // later GADs answer at once
        assertThat(http.gad(body).status()).isEqualTo(200);
    }

    @Test
    void accountsDetailIsRealisticAndMasksPerOption() {
        String rid = http.requestId(NOMFA);
        Http.Answer full = http.gad("{\"RequestId\":\"" + rid
                + "\",\"WithAccountIdentity\":true,\"WithKYC\":true,\"DaysOfTransactions\":\"Days90\"}");
        assertThat(full.status()).isEqualTo(200);
        JsonNode accounts = full.json().get("Accounts");
        assertThat(accounts.size()).isBetween(2, 4);
        assertThat(accounts.get(0).get("Type").asText()).isEqualTo("Chequing");
        LocalDate from = LocalDate.of(2025, 6, 30).minusDays(89);
        for (JsonNode acc : accounts) {
            assertThat(acc.get("Holder").get("Address").get("Country").asText()).isEqualTo("CA");
            assertThat(acc.get("TransitNumber").asText()).hasSize(5);
            JsonNode txs = acc.get("Transactions");
            boolean owed = "Credits".equals(acc.get("Category").asText());
            // newest first: each balance = the next older balance +/- this transaction
            for (int i = 0; i + 1 < txs.size(); i++) {
                JsonNode t = txs.get(i);
                BigDecimal prev = txs.get(i + 1).get("Balance").decimalValue();
                BigDecimal credit = t.get("Credit").isNull()
                        ? BigDecimal.ZERO
                        : t.get("Credit").decimalValue();
                BigDecimal debit = t.get("Debit").isNull()
                        ? BigDecimal.ZERO
                        : t.get("Debit").decimalValue();
                BigDecimal expected = owed
                        ? prev.add(debit).subtract(credit)
                        : prev.add(credit).subtract(debit);
                assertThat(t.get("Balance").decimalValue()).isEqualByComparingTo(expected);
                assertThat(LocalDate.parse(t.get("Date").asText())).isAfterOrEqualTo(from);
            }
            assertThat(txs.get(0).get("Balance").decimalValue())
                    .isEqualByComparingTo(acc.get("Balance").get("Current").decimalValue());
        }
        assertThat(full.text()).contains("PAYROLL DEPOSIT").contains("PREAUTHORIZED DEBIT RENT");
        // amounts written as exact 2-decimal numbers
        assertThat(full.text()).containsPattern("\"Balance\":-?\\d+\\.\\d\\d[,}]");

        Http.Answer masked = http.gad("{\"RequestId\":\"" + rid + "\",\"WithTransactions\":false,"
                + "\"AccountsFilter\":[\"" + accounts.get(0).get("Id").asText() + "\"]}");
        JsonNode acc = masked.json().get("Accounts");
        assertThat(acc).hasSize(1);
        assertThat(acc.get(0).get("Holder").isNull()).isTrue();
        assertThat(acc.get(0).get("TransitNumber").isNull()).isTrue();
        assertThat(acc.get(0).get("AccountNumber").asText()).startsWith("****");
        assertThat(acc.get(0).get("Transactions")).isEmpty();

        Http.Answer year = http.gad(
                "{\"RequestId\":\"" + rid + "\",\"WithTransactions\":true,\"DaysOfTransactions\":\"Days365\"}");
        assertThat(year.json().get("Accounts").get(0).get("Transactions").size())
                .isGreaterThan(accounts.get(0).get("Transactions").size() * 3);
        assertThat(http.gad("{\"RequestId\":\"" + rid + "\",\"DaysOfTransactions\":\"Days360\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.gad("{\"RequestId\":\"" + rid + "\",\"DaysOfTransactions\":\"Days12\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void dataEndpointsNeedTheApiKeyAndALiveRequestId() throws Exception {
        String rid = http.requestId(NOMFA);
        Http.Answer noKey =
                http.post(http.api + "/BankingServices/GetAccountsDetail", "{\"RequestId\":\"" + rid + "\"}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.json().get("FlinksCode").asText()).isEqualTo("UNAUTHORIZED");

        Http.Answer unknown = http.async("00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("FlinksCode").asText()).isEqualTo("SESSION_NONEXISTENT");
        assertThat(unknown.json().get("Message").asText()).contains("is invalid or session has ended");

        // each use refreshes the idle clock...
        for (int i = 0; i < 3; i++) {
            Thread.sleep(250);
            assertThat(http.async(rid).status()).isEqualTo(200);
        }
        // ...and idling past it ends the session
        Thread.sleep(800);
        Http.Answer expired = http.async(rid);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("FlinksCode").asText()).isEqualTo("SESSION_NONEXISTENT");
        assertThat(List.of(http.requestId(NOMFA), http.requestId(NOMFA))).doesNotHaveDuplicates();
    }

    @Test
    void generatorIsDeterministic() {
        LoginDataGenerator a = new LoginDataGenerator(7, LocalDate.of(2025, 6, 30));
        LoginDataGenerator b = new LoginDataGenerator(7, LocalDate.of(2025, 6, 30));
        assertThat(Json.string(a.webhookAccountsDetail(NOMFA, "x", "r", "t", DaysOfTransactions.Days365)))
                .isEqualTo(Json.string(b.webhookAccountsDetail(NOMFA, "x", "r", "t", DaysOfTransactions.Days365)));
        assertThat(new LoginDataGenerator(8, LocalDate.of(2025, 6, 30))
                        .generate(NOMFA)
                        .holder())
                .isNotNull();
    }
}
