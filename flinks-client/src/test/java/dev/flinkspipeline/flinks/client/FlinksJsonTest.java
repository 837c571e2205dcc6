package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.Login;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FlinksJsonTest {

    private static final String GAD = """
            { "HttpStatusCode": 200,
              "Accounts": [ {
                  "Transactions": [
                    { "Date": "2025-01-31", "Code": null, "Description": "PAYROLL ACME",
                      "Debit": null, "Credit": 1500.25, "Balance": 5105.60, "Id": "t1", "Category": "Income" },
                    { "date": "2025/02/01", "debit": 12, "credit": null, "balance": 5093.60, "id": "t2" } ],
                  "TransitNumber": "12347", "InstitutionNumber": "777", "OverdraftLimit": 0,
                  "Title": "Chequing Account", "AccountNumber": "7641238", "LastFourDigits": null,
                  "Balance": { "Available": 5405.50, "Current": 5105.50, "Limit": null },
                  "Category": "Operations", "Type": "Chequing", "Currency": "CAD",
                  "Holder": { "Name": "Jane Doe",
                              "Address": { "CivicAddress": "25 York St", "City": "Toronto", "Province": "ON",
                                           "PostalCode": "M5J 2V5", "POBox": "PO 5", "Country": "CA" },
                              "Email": "jane@example.com", "PhoneNumber": "4165550100" },
                  "AccountType": "Personal", "Id": "a1", "EftEligibleRatio": 0.75 } ],
              "InstitutionName": "FlinksCapital",
              "Login": { "Username": "Greatday", "IsScheduledRefresh": false,
                         "LastRefresh": "2025-01-31T17:40:54.5692617", "Type": "Personal", "Id": "L1" },
              "InstitutionId": 14, "Institution": "FlinksCapital", "RequestId": "R1", "Brand": {"X": 1} }
            """;

    @Test
    void readsAccountsDetailWithMoneyAsBigDecimalAndKeepsUnknownFields() throws Exception {
        AccountsDetailResponse gad = FlinksJson.readAccountsDetail(GAD.getBytes(StandardCharsets.UTF_8));

        assertThat(gad.requestId()).isEqualTo("R1");
        assertThat(gad.loginId()).isEqualTo("L1");
        assertThat(gad.institutionId()).isEqualTo(14);
        assertThat(gad.login().lastRefresh()).isEqualTo(Instant.parse("2025-01-31T17:40:54.5692617Z"));
        assertThat(gad.extra()).containsOnlyKeys("Brand");
        var account = gad.accounts().get(0);
        assertThat(account.balance().available()).isEqualByComparingTo("5405.50");
        assertThat(account.balance().available().scale()).isEqualTo(2);
        assertThat(account.balance().limit()).isNull();
        assertThat(account.overdraftLimit()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(account.holder().address().poBox()).isEqualTo("PO 5");
        assertThat(account.holder().name()).isEqualTo("Jane Doe");
        assertThat(account.extra()).containsOnlyKeys("EftEligibleRatio");
        assertThat(account.extra().get("EftEligibleRatio").decimalValue()).isEqualByComparingTo("0.75");
        var t1 = account.transactions().get(0);
        assertThat(t1.date()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(t1.credit()).isEqualTo(new BigDecimal("1500.25"));
        assertThat(t1.balance()).isEqualTo(new BigDecimal("5105.60"));
        assertThat(t1.extra()).containsOnlyKeys("Category");
        var t2 = account.transactions().get(1);
        assertThat(t2.date()).isEqualTo(LocalDate.of(2025, 2, 1));
        assertThat(t2.debit()).isEqualByComparingTo("12");
        assertThat(t2.extra()).isEmpty();
        // Personal data stays out of toString (and so out of logs).
        assertThat(gad.toString() + account + account.holder() + t1 + gad.login())
                .doesNotContain("Jane", "York", "jane@", "7641238", "PAYROLL", "Greatday");
    }

    @Test
    void refusesATransactionValueOfTheWrongTypeNamingItsPathNotItsValue() {
        String[][] cases = {
            {"\"Debit\":\"twelve\"", "Debit"},
            {"\"date\":\"2025-02-30\"", "date"},
            {"\"Date\":\"31 Jan\"", "Date"},
            {"\"Date\":20250131", "Date"},
            {"\"Id\":{\"x\":1}", "Id"},
            {"\"Credit\":[1]", "Credit"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> FlinksJson.readAccountsDetail(
                            ("{\"Accounts\":[{\"Transactions\":[{},{\"Id\":\"t\"," + c[0] + "}]}]}")
                                    .getBytes(StandardCharsets.UTF_8)))
                    .as(c[0])
                    .isInstanceOfSatisfying(
                            JsonMappingException.class,
                            e -> assertThat(e.getPath())
                                    .extracting(
                                            r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                                    .containsExactly("Accounts", "[0]", "Transactions", "[1]", c[1]));
        }
    }

    @Test
    void refusesAFractionForAnIntegerInsteadOfTruncatingIt() {
        assertThatThrownBy(() ->
                        FlinksJson.readAccountsDetail("{\"InstitutionId\":14.5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void readsLastRefreshInEveryShapeFlinksSends() throws Exception {
        assertThat(login("2026-01-21T20:47:47.145999").lastRefresh())
                .isEqualTo(Instant.parse("2026-01-21T20:47:47.145999Z"));
        assertThat(login("2019-06-21T16:24:16.2076448Z").lastRefresh())
                .isEqualTo(Instant.parse("2019-06-21T16:24:16.2076448Z"));
        assertThat(login("2019-06-21T16:24:16+02:00").lastRefresh()).isEqualTo(Instant.parse("2019-06-21T14:24:16Z"));
        assertThat(login("2019-06-21T16:24:16").lastRefresh()).isEqualTo(Instant.parse("2019-06-21T16:24:16Z"));
        Login never = login("0001-01-01T00:00:00");
        assertThat(never.lastRefresh()).isEqualTo(Login.NEVER_REFRESHED);
        assertThat(never.hasBeenRefreshed()).isFalse();
    }

    @Test
    void readsAttributesLosslesslyUnderEitherDetailsSpelling() throws Exception {
        String body = """
                { "HttpStatusCode": 200, "card": { "Id": "L1", "sum_income_90": 1234.50, "nsf_count": 3,
                  "flag": "NONE_DETECTED", "big": 12345678901234567890.123456789, "obj": {"a": [1, 2.0]} },
                  "Login": {"Id": "L1"}, "RequestId": "R1",
                  "AttributeDetails": { "sum_income_90": [ {"TransactionId": "t1", "Credit": 100.0} ] } }
                """;
        AttributesResponse attributes =
                FlinksJson.readerFor(AttributesResponse.class).readValue(body);
        assertThat(attributes.requestId()).isEqualTo("R1");
        JsonNode card = attributes.card();
        assertThat(card.fieldNames())
                .toIterable()
                .containsExactly("Id", "sum_income_90", "nsf_count", "flag", "big", "obj");
        assertThat(card.get("sum_income_90").decimalValue()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(card.get("big").decimalValue()).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(card.get("nsf_count").intValue()).isEqualTo(3);
        assertThat(card.get("sum_income_90").toString()).isEqualTo("1234.50");
        assertThat(attributes
                        .attributesDetails()
                        .get("sum_income_90")
                        .get(0)
                        .get("Credit")
                        .decimalValue())
                .isEqualTo(new BigDecimal("100.0"));

        AttributesResponse other = FlinksJson.readerFor(AttributesResponse.class)
                .readValue("{\"Card\":{\"Id\":\"L1\"},\"AttributesDetails\":{\"x\":[]}}");
        assertThat(other.attributesDetails().has("x")).isTrue();
        AttributesResponse none = FlinksJson.readerFor(AttributesResponse.class).readValue("{}");
        assertThat(none.card().isObject()).isTrue();
        assertThat(none.attributesDetails()).isNull();
    }

    private static Login login(String lastRefresh) throws Exception {
        AuthorizeResponse r = FlinksJson.readerFor(AuthorizeResponse.class)
                .readValue("{\"RequestId\":\"R\",\"Login\":{\"Id\":\"L\",\"LastRefresh\":\"" + lastRefresh + "\"}}");
        return r.login();
    }
}
