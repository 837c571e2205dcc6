package dev.flinkspipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.schemas.EventIds;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class WebhookParserTest {

    static final Instant RECEIVED = Instant.parse("2025-02-01T10:00:00.123Z");
    private final WebhookParser parser = new WebhookParser();
    private final WebhookMapper mapper = new WebhookMapper(new TagUserReferences(Optional.empty()));

    @Test
    void mapsAGetAccountsDetailWebhookFieldByField() throws IOException {
        byte[] body = fixture("gad-webhook.json");
        WebhookHead head = parser.scan(body);
        assertThat(head.kind()).isEqualTo(WebhookKind.ACCOUNTS_DETAIL);
        assertThat(head.responseType()).isEqualTo("GetAccountsDetail");
        assertThat(head.loginId()).isEqualTo("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60");
        assertThat(head.tag()).isEqualTo("userId=123");
        AccountsReady e = ((WebhookOutcome.AccountsDetail) mapper.map(body, true, RECEIVED)).event();

        assertThat(e.getEventId())
                .isEqualTo(EventIds.forSnapshot(
                                "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60",
                                Instant.parse("2025-01-31T17:40:54.569261300Z"),
                                "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f")
                        .toString());
        assertThat(e.getLoginId()).isEqualTo("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60");
        assertThat(e.getRequestId()).isEqualTo("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
        assertThat(e.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(e.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(e.getInstitutionName()).isEqualTo("FlinksCapital");
        assertThat(e.getInstitutionId()).isEqualTo(14);
        assertThat(e.getTag()).isEqualTo("userId=123");
        assertThat(e.getUserReference()).isNull(); // "userId=123" is no tag this service signed
        assertThat(e.getReceivedAt()).isEqualTo(RECEIVED);
        assertThat(e.getRequestIdLastUsedAt()).isNull();
        assertThat(e.getExtra()).containsExactly(Assertions.entry("Links", "[{\"rel\":\"self\"}]"));
        assertThat(e.getLogin().getUsername()).isEqualTo("Greatday");
        assertThat(e.getLogin().getIsScheduledRefresh()).isFalse();
        assertThat(e.getLogin().getType()).isEqualTo("Personal");
        // Seven fractional digits, UTC implied: nothing is lost.
        assertThat(e.getLogin().getLastRefresh()).isEqualTo(Instant.parse("2025-01-31T17:40:54.569261300Z"));

        assertThat(e.getAccounts()).hasSize(2);
        Account chequing = e.getAccounts().get(0);
        assertThat(chequing.getId()).isEqualTo("27a9ffa0-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(chequing.getTitle()).isEqualTo("Chequing Account");
        assertThat(chequing.getAccountNumber()).isEqualTo("7641238");
        assertThat(chequing.getTransitNumber()).isEqualTo("12347");
        assertThat(chequing.getInstitutionNumber()).isEqualTo("777");
        assertThat(chequing.getLastFourDigits()).isNull();
        assertThat(chequing.getOverdraftLimit()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(chequing.getBalance().getAvailable()).isEqualTo(new BigDecimal("5405.5000"));
        assertThat(chequing.getBalance().getCurrent()).isEqualTo(new BigDecimal("5105.5000"));
        assertThat(chequing.getBalance().getLimit()).isNull();
        assertThat(chequing.getCategory()).isEqualTo("Operations");
        assertThat(chequing.getType()).isEqualTo("Chequing");
        assertThat(chequing.getCurrency()).isEqualTo("CAD");
        assertThat(chequing.getAccountType()).isEqualTo("Personal");
        assertThat(chequing.getExtra()).containsEntry("Tag", "\"userId=123\"").hasSize(1);
        assertThat(chequing.getHolder().getName()).isEqualTo("Jane Doe");
        assertThat(chequing.getHolder().getEmail()).isEqualTo("jane@example.com");
        assertThat(chequing.getHolder().getPhoneNumber()).isEqualTo("4165550100");
        assertThat(chequing.getHolder().getAddress().getCivicAddress()).isEqualTo("25 York St");
        assertThat(chequing.getHolder().getAddress().getPostalCode()).isEqualTo("M5J 2V5");
        assertThat(chequing.getHolder().getAddress().getPoBox()).isNull();
        assertThat(chequing.getHolder().getAddress().getCountry()).isEqualTo("CA");

        Transaction payroll = chequing.getTransactions().get(0);
        assertThat(payroll.getId()).isEqualTo("94584aed-8c7e-4b0e-9e9f-6c0d0b8f2a11");
        assertThat(payroll.getDate()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(payroll.getCode()).isNull();
        assertThat(payroll.getDescription()).isEqualTo("PAYROLL ACME");
        assertThat(payroll.getDebit()).isNull();
        assertThat(payroll.getCredit()).isEqualTo(new BigDecimal("1500.2500"));
        assertThat(payroll.getBalance()).isEqualTo(new BigDecimal("5105.6000"));
        assertThat(payroll.getExtra()).isEmpty();
        Transaction coffee = chequing.getTransactions().get(1);
        assertThat(coffee.getDate()).isEqualTo(LocalDate.of(2025, 1, 30));
        assertThat(coffee.getCode()).isEqualTo("12");
        assertThat(coffee.getDebit()).isEqualTo(new BigDecimal("4.1000"));
        assertThat(coffee.getExtra()).containsEntry("Category", "\"Food\"");

        Account visa = e.getAccounts().get(1);
        assertThat(visa.getTransactions()).isEmpty();
        assertThat(visa.getHolder()).isNull();
        assertThat(visa.getAccountType()).isNull();
        assertThat(visa.getLastFourDigits()).isEqualTo("4242");
        assertThat(visa.getBalance().getCurrent()).isEqualTo(new BigDecimal("-300.0000"));
        assertThat(visa.getBalance().getLimit()).isEqualTo(new BigDecimal("1500.0000"));
        assertThat(visa.getCurrency()).isEqualTo("USD");
    }

    @Test
    void mapsAKycWebhook() throws IOException {
        byte[] body = fixture("kyc-webhook.json");
        assertThat(parser.scan(body).kind()).isEqualTo(WebhookKind.KYC);
        KycReceived e = ((WebhookOutcome.Kyc) mapper.map(body, true, RECEIVED)).event();
        assertThat(e.getLoginId()).isEqualTo("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60");
        assertThat(e.getRequestId()).isEqualTo("c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f");
        assertThat(e.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(e.getTag()).isNull();
        assertThat(e.getUserReference()).isNull();
        assertThat(e.getHolders().get(0).getName()).isEqualTo("Jane Doe");
        assertThat(e.getLogin().getLastRefresh()).isEqualTo(Instant.parse("2019-06-21T16:24:16.207644800Z"));
        assertThat(e.getHolders()).hasSize(2);
        assertThat(e.getHolders().get(0).getAddress().getCity()).isEqualTo("Montreal");
        assertThat(e.getHolders().get(0).getPhoneNumber()).isEqualTo("(555)555-5555");
        assertThat(e.getHolders().get(1).getEmail()).isEmpty();
        assertThat(e.getHolders().get(1).getAddress()).isNull();
    }

    @Test
    void aKycEventIdDependsOnTheExactBody() throws IOException {
        byte[] body = fixture("kyc-webhook.json");
        assertThat(kyc(body.clone()).getEventId())
                .isEqualTo(kyc(body).getEventId())
                .isEqualTo(EventIds.forPayload(WebhookMapper.KYC_RECEIVED, body).toString());
        byte[] other = (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThat(kyc(other).getEventId()).isNotEqualTo(kyc(body).getEventId());
    }

    private KycReceived kyc(byte[] body) {
        return ((WebhookOutcome.Kyc) mapper.map(body, true, RECEIVED)).event();
    }

    @Test
    void accountsReadyHasOneIdPerSnapshotWhateverTheBytes() throws IOException {
        String login = "\"Login\":{\"Id\":\"8A2F4E1C-3B5D-4C6E-9F7A-1B2C3D4E5F60\",\"LastRefresh\":\"%s\"}";
        String at = "2025-01-31T17:40:54.5692613";
        AccountsReady a = accountsReady("{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r1\","
                + login.formatted(at) + ",\"Accounts\":[]}");
        // Same snapshot, delivered again with other bytes (formatting, a later field, another RequestId).
        AccountsReady b = accountsReady("{ \"RequestId\":\"r2\", " + login.formatted(at + "Z")
                + ",\"ResponseType\":\"GetAccountsDetail\",\"Accounts\":[],\"Links\":[]}");
        assertThat(b.getEventId())
                .isEqualTo(a.getEventId())
                .isEqualTo(EventIds.forSnapshot("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60", Instant.parse(at + "Z"), null)
                        .toString());
        // A later refresh is another snapshot.
        assertThat(accountsReady("{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r1\","
                                + login.formatted("2025-01-31T17:40:54.5692614") + "}")
                        .getEventId())
                .isNotEqualTo(a.getEventId());
        // Without LastRefresh (or the "never" sentinel) the RequestId names the snapshot.
        AccountsReady never = accountsReady("{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r1\","
                + login.formatted("0001-01-01T00:00:00") + "}");
        assertThat(never.getEventId())
                .isEqualTo(EventIds.forSnapshot("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60", null, "r1")
                        .toString());
    }

    private AccountsReady accountsReady(String json) {
        WebhookOutcome outcome = mapper.map(json.getBytes(StandardCharsets.UTF_8), true, RECEIVED);
        assertThat(outcome).as(json).isInstanceOf(WebhookOutcome.AccountsDetail.class);
        return ((WebhookOutcome.AccountsDetail) outcome).event();
    }

    @Test
    void namesMatchCaseInsensitively() {
        AccountsReady e = accountsReady("{\"responsetype\":\"getaccountsdetail\",\"requestId\":\"r\","
                + "\"login\":{\"id\":\"8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60\",\"LASTREFRESH\":\"0001-01-01T00:00:00\"},"
                + "\"accounts\":[{\"id\":\"a\",\"balance\":{\"available\":\"12.30\"}}]}");
        assertThat(e.getLoginId()).isEqualTo("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60");
        assertThat(e.getLogin().getLastRefresh()).isNull(); // the "never" sentinel
        assertThat(e.getAccounts().get(0).getBalance().getAvailable()).isEqualTo(new BigDecimal("12.3000"));
    }

    @Test
    void refusesPayloadsThatCannotBeMapped() {
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r\",\"Accounts\":[]}", "missing-login-id");
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r\",\"Login\":{\"Username\":\"u\"}}",
                "missing-login-id");
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r\",\"Login\":{\"Id\":\"nope\"}}",
                "invalid-login-id");
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\",\"Login\":{\"Id\":\"8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60\"}}",
                "missing-request-id");
        String login = "\"Login\":{\"Id\":\"8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60\"},\"RequestId\":\"r\"";
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\"," + login
                        + ",\"Accounts\":[{\"Id\":\"a\",\"Transactions\":[{\"Debit\":0.00001}]}]}",
                "invalid-payload",
                "Accounts[0].Transactions[0].Debit");
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\"," + login + ",\"Accounts\":[{\"Title\":\"x\"}]}",
                "invalid-payload",
                "Accounts[0].Id");
        assertInvalid("{\"ResponseType\":\"GetAccountsDetail\"," + login + ",\"Accounts\":{}}", "invalid-payload");
        assertInvalid(
                "{\"ResponseType\":\"GetAccountsDetail\"," + login
                        + ",\"Accounts\":[{\"Id\":\"a\",\"Transactions\":[{\"Date\":\"31 Jan\"}]}]}",
                "invalid-payload");
        assertInvalid("{\"ResponseType\":\"KYC\",\"Holders\":[]}", "missing-login-id");
    }

    @Test
    void classifiesAndRefusesBodies() {
        assertThat(parser.scan("{\"ResponseType\":\"Investments\",\"Login\":{}}".getBytes())
                        .kind())
                .isEqualTo(WebhookKind.UNKNOWN_TYPE);
        assertThat(parser.scan("{\"Accounts\":[]}".getBytes()).kind()).isEqualTo(WebhookKind.UNKNOWN_TYPE);
        WebhookHead failed = parser.scan("{\"ResponseType\":\"GetAccountsDetail\",\"HttpStatusCode\":500}".getBytes());
        assertThat(failed.kind()).isEqualTo(WebhookKind.FAILED_REQUEST);
        assertThat(failed.httpStatus()).isEqualTo(500);
        assertThat(parser.scan("{\"ResponseType\":\"kyc\",\"HttpStatusCode\":\"401\"}".getBytes())
                        .kind())
                .isEqualTo(WebhookKind.FAILED_REQUEST);
        assertThat(parser.scan("{\"ResponseType\":\"KYC\",\"HttpStatusCode\":200}".getBytes())
                        .kind())
                .isEqualTo(WebhookKind.KYC);
        assertThat(parser.scan("{\"ResponseType\":\"Weird\\u0001Type\"}".getBytes())
                        .responseType())
                .isEqualTo("Weird?Type");
        WebhookHead fraction = parser.scan("{\"ResponseType\":\"KYC\",\"HttpStatusCode\":2.5}".getBytes());
        assertThat(fraction.httpStatusInvalid()).isTrue();
        assertThat(fraction.httpStatus()).isNull();
        ConnectCodes.assertCode(() -> parser.scan("{\"ResponseType\":\"KYC\",".getBytes()), "malformed-json");
        ConnectCodes.assertCode(() -> parser.scan("{} {}".getBytes()), "malformed-json");
        assertThat(parser.scan("[]".getBytes()).object()).isFalse();
        ConnectCodes.assertCode(() -> parser.scan("[] 1".getBytes()), "malformed-json");
        ConnectCodes.assertCode(() -> parser.scan(new byte[0]), "malformed-json");
    }

    @Test
    void refusesDocumentsThatCannotBeReadBackUnchanged() {
        ConnectCodes.assertCode(
                () -> parser.scan("{\"Login\":{\"Id\":\"a\",\"Id\":\"b\"}}".getBytes()), "duplicate-key");
        assertThatThrownBy(() -> parser.scan(("{\"Accounts\":[{\"Id\":\"a\"},{\"Id\":\"a\",\"Balance\":{\"Current\":1,"
                                + "\"Current\":2}}]}")
                        .getBytes()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.detail()).contains("Accounts[1].Balance.Current"));
        // A key is a duplicate within its object only; past 16 keys an object's keys are hashed.
        assertThat(parser.scan("{\"A\":{\"Id\":1},\"B\":[{\"Id\":1},{\"Id\":2,\"C\":{\"Id\":3}}],\"Id\":4}".getBytes())
                        .object())
                .isTrue();
        StringBuilder many = new StringBuilder("{\"Accounts\":[{}, {");
        for (int i = 0; i < 40; i++) {
            many.append("\"k").append(i).append("\":").append(i).append(',');
        }
        assertThat(parser.scan((many + "\"k40\":{}}]}").getBytes()).object()).isTrue();
        assertThatThrownBy(() -> parser.scan((many + "\"k3\":{}}]}").getBytes()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo("duplicate-key");
                    assertThat(e.detail()).startsWith("The key Accounts[1].k3 appears twice (at byte");
                });
        // A lone surrogate in a string is still JSON: the scan reads on (the login) and names the first one.
        WebhookHead lone = parser.scan(("{\"Holders\":[{\"Name\":\"Jane \\ud800 Doe\",\"Email\":\"\\udc00\"}],"
                        + "\"Login\":{\"Id\":\"8A2F4E1C-3B5D-4C6E-9F7A-1B2C3D4E5F60\"}}")
                .getBytes());
        assertThat(lone.unpairedSurrogate()).isEqualTo("Holders[0].Name");
        assertThat(lone.loginId()).isEqualTo("8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60");
        assertThat(parser.scan("{\"A\":[\"x\",{\"B\":[\"\\udfff\"]}]}".getBytes())
                        .unpairedSurrogate())
                .isEqualTo("A[1].B[0]");
        ConnectCodes.assertCode(() -> parser.scan("{\"\\udc00\":1}".getBytes()), "invalid-unicode");
        ConnectCodes.assertCode(
                () -> parser.scan(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}), "invalid-unicode");
        // A correctly paired surrogate (an emoji) is fine.
        assertThat(parser.scan("{\"Name\":\"\\ud83d\\ude00\"}".getBytes()).unpairedSurrogate())
                .isNull();
    }

    private void assertInvalid(String json, String code) {
        assertInvalid(json, code, "");
    }

    private void assertInvalid(String json, String code, String detailPart) {
        WebhookOutcome outcome = mapper.map(json.getBytes(StandardCharsets.UTF_8), true, RECEIVED);
        assertThat(outcome).as(json).isInstanceOfSatisfying(WebhookOutcome.Unhandled.class, u -> {
            assertThat(u.reason()).isEqualTo(code);
            assertThat(u.detail()).contains(detailPart).doesNotContain("0.00001");
        });
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = WebhookParserTest.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        }
    }

    /** Shared assertion for stable problem codes. */
    static final class ConnectCodes {
        static void assertCode(ThrowableAssert.ThrowingCallable call, String code) {
            assertThatThrownBy(call)
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.code()).isEqualTo(code));
        }
    }
}
