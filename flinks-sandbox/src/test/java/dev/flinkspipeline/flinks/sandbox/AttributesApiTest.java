package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttributesApiTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 3, 31);
    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .asOf(AS_OF)
                .seed(42)
                .requestIdIdleTimeout(Duration.ofMillis(500))
                .build());
        http = new Http(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    String url(String loginId, String requestId, String suffix) {
        return http.api + "/insight/login/" + loginId + "/attributes/" + requestId
                + (suffix == null ? "" : "/" + suffix);
    }

    Http.Answer get(String loginId, String requestId, String useCase) {
        return http.get(url(loginId, requestId, useCase), "x-api-key", SandboxConfig.TOOLBOX_API_KEY);
    }

    Http.Answer post(String loginId, String requestId, String body) {
        return http.post(url(loginId, requestId, null), body, "x-api-key", SandboxConfig.TOOLBOX_API_KEY);
    }

    String readyLogin(String username) {
        JsonNode created = http.admin(
                        "POST", "/logins", "{\"username\":\"" + username + "\",\"behaviour\":{\"pendingPolls\":0}}")
                .json();
        return created.get("loginId").asText();
    }

    @Test
    void useCaseEndpointsAnswerTheComputedAttributes() {
        String loginId = readyLogin("attr_user_1");
        String rid = http.requestId(loginId);
        Map<String, Object> expected = sandbox.expectedAttributes(loginId);
        for (String useCase : AttributeCatalog.USE_CASES.keySet()) {
            Http.Answer a = get(loginId, rid, useCase);
            assertThat(a.status()).as(useCase).isEqualTo(200);
            JsonNode card = a.json().get("Card");
            assertThat(card.get("Id").asText()).isEqualTo(loginId);
            assertThat(a.json().get("RequestId").asText()).isEqualTo(rid);
            assertThat(a.json().get("Login").get("Id").asText()).isEqualTo(loginId);
            for (String name : AttributeCatalog.USE_CASES.get(useCase)) {
                assertThat(card.get(name).asText()).as(name).isEqualTo(String.valueOf(expected.get(name)));
            }
        }
    }

    @Test
    void attributesAgreeWithTheServedTransactions() {
        // a few logins so that some have NSF fees and negative days
        for (int i = 0; i < 6; i++) {
            String loginId = readyLogin("consistency_" + i);
            String rid = http.requestId(loginId);
            JsonNode gad = http.gad("{\"RequestId\":\"" + rid
                            + "\",\"WithTransactions\":true,\"DaysOfTransactions\":\"Days365\"}")
                    .json();
            BigDecimal payroll = BigDecimal.ZERO;
            int payrollCount = 0;
            int nsf90 = 0;
            int ops90 = 0;
            LocalDate from90 = AS_OF.minusDays(89);
            for (JsonNode acc : gad.get("Accounts")) {
                if (!"Operations".equals(acc.get("Category").asText())) {
                    continue;
                }
                for (JsonNode t : acc.get("Transactions")) {
                    LocalDate date = LocalDate.parse(t.get("Date").asText());
                    String d = t.get("Description").asText();
                    if (d.startsWith("PAYROLL DEPOSIT")) {
                        payroll = payroll.add(t.get("Credit").decimalValue());
                        payrollCount++;
                    }
                    if (!date.isBefore(from90)) {
                        ops90++;
                        if (d.startsWith("NSF FEE")) {
                            nsf90++;
                        }
                    }
                }
            }
            JsonNode card = get(loginId, rid, "GetAllAttributes").json().get("Card");
            assertThat(card.get("sum_employer_income_12_months").decimalValue()).isEqualByComparingTo(payroll);
            assertThat(card.get("count_employer_income_deposits_12_months").asInt())
                    .isEqualTo(payrollCount);
            assertThat(card.get("is_employer_income_detected").asBoolean()).isEqualTo(payrollCount > 0);
            assertThat(card.get("employer_income_frequency").asText()).isEqualTo("BIWEEKLY");
            assertThat(card.get("average_monthly_employer_income_12_months").decimalValue())
                    .isEqualByComparingTo(payroll.divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_EVEN));
            assertThat(card.get("count_nsf_90_days").asInt()).isEqualTo(nsf90);
            assertThat(card.get("count_transactions_operations_90_days").asInt())
                    .isEqualTo(ops90);
            assertThat(card.get("count_accounts").asInt())
                    .isEqualTo(gad.get("Accounts").size());
        }
    }

    @Test
    void customPostSelectsAttributesWithDetailsAndValidatesNames() {
        String loginId = readyLogin("attr_user_2");
        String rid = http.requestId(loginId);
        Http.Answer a = post(
                loginId,
                rid,
                "{\"Attributes\":{\"Card\":[\"sum_employer_income_12_months\",\"count_nsf_12_months\"]},"
                        + "\"Filters\":{\"AccountCategory\":[\"Operations\"]},"
                        + "\"AttributesDetail\":{\"Card\":[\"sum_employer_income_12_months\"]}}");
        assertThat(a.status()).isEqualTo(200);
        JsonNode card = a.json().get("Card");
        assertThat(card.size()).isEqualTo(3); // Id + two attributes
        JsonNode details = a.json().get("AttributesDetails").get("sum_employer_income_12_months");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode d : details) {
            sum = sum.add(d.get("Credit").decimalValue());
            assertThat(d.get("TransactionId").asText()).hasSize(36);
        }
        assertThat(sum)
                .isEqualByComparingTo(card.get("sum_employer_income_12_months").decimalValue());

        Http.Answer unknown = post(loginId, rid, "{\"attributes\":{\"card\":[\"no_such_attribute\"]}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("FlinksCode").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(post(loginId, rid, "{}").json().get("FlinksCode").asText()).isEqualTo("INVALID_REQUEST");
        Http.Answer badAccount = post(
                loginId,
                rid,
                "{\"Attributes\":{\"Card\":[\"count_accounts\"]},"
                        + "\"Filters\":{\"AccountCategory\":[\"Operations\"]},\"AccountFilter\":{\"AccountId\":[\"nope\"]}}");
        assertThat(badAccount.status()).isEqualTo(400);
        String first =
                sandbox.dataGenerator().generate(loginId).accounts().get(0).id();
        Http.Answer filtered = post(
                loginId,
                rid,
                "{\"Attributes\":{\"Card\":[\"count_accounts\"]},"
                        + "\"Filters\":{\"AccountCategory\":[\"Operations\"]},\"AccountFilter\":{\"AccountId\":[\""
                        + first + "\"]}}");
        assertThat(filtered.json().get("Card").get("count_accounts").asInt()).isEqualTo(1);
    }

    @Test
    void pendingWhileTheAggregationRunsAndExpiredSessions() throws Exception {
        JsonNode created =
                http.admin("POST", "/logins", "{\"username\":\"attr_pending\"}").json();
        String loginId = created.get("loginId").asText();
        String rid = http.requestId(loginId);
        Http.Answer pending = get(loginId, rid, "GetIncomeAttributes");
        assertThat(pending.status()).isEqualTo(202);
        assertThat(pending.json().get("FlinksCode").asText()).isEqualTo("OPERATION_PENDING");
        while (http.async(rid).status() == 202) {
            // poll the aggregation to completion (3 pending answers by default)
        }
        assertThat(get(loginId, rid, "GetIncomeAttributes").status()).isEqualTo(200);

        Http.Answer wrongLogin = get(LoginDataGenerator.loginIdForUsername("Greatday"), rid, "GetIncomeAttributes");
        assertThat(wrongLogin.status()).isEqualTo(400);
        Http.Answer unknown = get(loginId, "00000000-0000-0000-0000-000000000000", "GetIncomeAttributes");
        assertThat(unknown.json().get("FlinksCode").asText()).isEqualTo("SESSION_NONEXISTENT");
        Thread.sleep(700);
        Http.Answer expired = get(loginId, rid, "GetIncomeAttributes");
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("FlinksCode").asText()).isEqualTo("SESSION_EXPIRED");
    }
}
