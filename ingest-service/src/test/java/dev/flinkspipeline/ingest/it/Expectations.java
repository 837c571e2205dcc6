package dev.flinkspipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Address;
import dev.flinkspipeline.events.Holder;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Field-by-field comparison of an event read back from Kafka with the Flinks JSON that was posted. */
final class Expectations {

    private Expectations() {}

    static void assertAccountsReady(AccountsReady event, JsonNode json) {
        assertThat(event.getLoginId())
                .isEqualTo(json.get("Login").get("Id").asText().toLowerCase());
        assertThat(event.getRequestId()).isEqualTo(json.get("RequestId").asText());
        assertThat(event.getInstitution()).isEqualTo(text(json, "Institution"));
        assertThat(event.getInstitutionName()).isEqualTo(text(json, "InstitutionName"));
        assertThat(event.getInstitutionId()).isEqualTo(json.get("InstitutionId").asInt());
        assertThat(event.getTag()).isEqualTo(text(json, "Tag"));
        assertLogin(event.getLogin(), json.get("Login"));
        assertThat(event.getAccounts()).hasSize(json.get("Accounts").size());
        for (int i = 0; i < json.get("Accounts").size(); i++) {
            assertAccount(event.getAccounts().get(i), json.get("Accounts").get(i));
        }
    }

    static void assertKyc(KycReceived event, JsonNode json) {
        assertThat(event.getLoginId())
                .isEqualTo(json.get("Login").get("Id").asText().toLowerCase());
        assertThat(event.getRequestId()).isEqualTo(text(json, "RequestId"));
        assertThat(event.getInstitution()).isEqualTo(text(json, "Institution"));
        assertLogin(event.getLogin(), json.get("Login"));
        assertThat(event.getHolders()).hasSize(json.get("Holders").size());
        for (int i = 0; i < json.get("Holders").size(); i++) {
            assertHolder(event.getHolders().get(i), json.get("Holders").get(i));
        }
    }

    static void assertLogin(Login login, JsonNode json) {
        assertThat(login.getId()).isEqualTo(json.get("Id").asText().toLowerCase());
        assertThat(login.getUsername()).isEqualTo(text(json, "Username"));
        assertThat(login.getIsScheduledRefresh())
                .isEqualTo(json.get("IsScheduledRefresh").asBoolean());
        assertThat(login.getType()).isEqualTo(text(json, "Type"));
        String lastRefresh = text(json, "LastRefresh");
        Instant expected = lastRefresh.endsWith("Z")
                ? OffsetDateTime.parse(lastRefresh).toInstant()
                : LocalDateTime.parse(lastRefresh).toInstant(ZoneOffset.UTC);
        assertThat(login.getLastRefresh()).isEqualTo(expected);
    }

    static void assertAccount(Account account, JsonNode json) {
        assertThat(account.getId()).isEqualTo(text(json, "Id"));
        assertThat(account.getTitle()).isEqualTo(text(json, "Title"));
        assertThat(account.getAccountNumber()).isEqualTo(text(json, "AccountNumber"));
        assertThat(account.getTransitNumber()).isEqualTo(text(json, "TransitNumber"));
        assertThat(account.getInstitutionNumber()).isEqualTo(text(json, "InstitutionNumber"));
        assertThat(account.getLastFourDigits()).isEqualTo(text(json, "LastFourDigits"));
        assertMoney(account.getOverdraftLimit(), json.get("OverdraftLimit"));
        assertThat(account.getCategory()).isEqualTo(text(json, "Category"));
        assertThat(account.getType()).isEqualTo(text(json, "Type"));
        assertThat(account.getCurrency()).isEqualTo(text(json, "Currency"));
        assertThat(account.getAccountType()).isEqualTo(text(json, "AccountType"));
        JsonNode balance = json.get("Balance");
        assertMoney(account.getBalance().getAvailable(), balance.get("Available"));
        assertMoney(account.getBalance().getCurrent(), balance.get("Current"));
        assertMoney(account.getBalance().getLimit(), balance.get("Limit"));
        if (json.hasNonNull("Holder")) {
            assertHolder(account.getHolder(), json.get("Holder"));
        } else {
            assertThat(account.getHolder()).isNull();
        }
        JsonNode transactions = json.get("Transactions");
        assertThat(account.getTransactions()).hasSize(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            Transaction t = account.getTransactions().get(i);
            JsonNode tj = transactions.get(i);
            assertThat(t.getId()).isEqualTo(text(tj, "Id"));
            assertThat(t.getDate()).isEqualTo(LocalDate.parse(text(tj, "Date")));
            assertThat(t.getDescription()).isEqualTo(text(tj, "Description"));
            assertThat(t.getCode()).isEqualTo(text(tj, "Code"));
            assertMoney(t.getDebit(), tj.get("Debit"));
            assertMoney(t.getCredit(), tj.get("Credit"));
            assertMoney(t.getBalance(), tj.get("Balance"));
        }
    }

    static void assertHolder(Holder holder, JsonNode json) {
        assertThat(holder.getName()).isEqualTo(json.get("Name").asText());
        assertThat(holder.getEmail())
                .isEqualTo(json.hasNonNull("Email") ? json.get("Email").asText() : "");
        assertThat(holder.getPhoneNumber()).isEqualTo(text(json, "PhoneNumber"));
        JsonNode a = json.get("Address");
        if (a == null || a.isNull()) {
            assertThat(holder.getAddress()).isNull();
            return;
        }
        Address address = holder.getAddress();
        assertThat(address.getCivicAddress()).isEqualTo(text(a, "CivicAddress"));
        assertThat(address.getCity()).isEqualTo(text(a, "City"));
        assertThat(address.getProvince()).isEqualTo(text(a, "Province"));
        assertThat(address.getPostalCode()).isEqualTo(text(a, "PostalCode"));
        assertThat(address.getPoBox()).isEqualTo(text(a, "POBox"));
        assertThat(address.getCountry()).isEqualTo(text(a, "Country"));
    }

    /** Money: the exact JSON decimal, at scale 4 (never compared through double). */
    static void assertMoney(BigDecimal actual, JsonNode json) {
        if (json == null || json.isNull()) {
            assertThat(actual).isNull();
            return;
        }
        BigDecimal expected = new BigDecimal(
                json.isTextual() ? json.textValue() : json.decimalValue().toPlainString());
        assertThat(actual).isNotNull();
        assertThat(actual.scale()).isEqualTo(4);
        assertThat(actual.compareTo(expected)).as("%s vs %s", actual, expected).isZero();
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
