package dev.flinkspipeline.flinks.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.KycWebhook;
import dev.flinkspipeline.schemas.EventIds;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AccountsReadyMappingTest {

    static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    static final String LOGIN_JSON = "\"Login\":{\"Id\":\"" + LOGIN.toUpperCase() + "\"}";
    static final Instant RECEIVED = Instant.parse("2025-02-01T10:00:00.123Z");
    static final Instant SENT = Instant.parse("2025-02-01T09:59:59Z");

    private static AccountsDetailResponse read(String json) throws IOException {
        return FlinksJson.readAccountsDetail(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AccountsDelivery poll(String loginId, String requestId) {
        return new AccountsDelivery(
                AccountsSource.POLL,
                loginId,
                requestId,
                SENT,
                RECEIVED,
                "tag-of-login",
                "institution-of-login",
                "user-1",
                RECEIVED.minusSeconds(60),
                true);
    }

    private static void assertUnmappable(
            AccountsDetailResponse response, AccountsDelivery delivery, String reason, String message) {
        assertThatThrownBy(() -> AccountsReadyMapping.map(response, delivery))
                .isInstanceOfSatisfying(UnmappablePayloadException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void mapsEveryFieldAndKeepsWhatTheSchemaDoesNotModel() throws IOException {
        AccountsReady e = AccountsReadyMapping.map(
                read("{\"HttpStatusCode\":200,\"RequestId\":\"r-1\"," + LOGIN_JSON
                        + ",\"Institution\":\"FlinksCapital\",\"InstitutionId\":14,\"Links\":[{\"rel\":\"self\"}],"
                        + "\"Accounts\":[{\"Id\":\"acc-1\",\"Tag\":\"t\",\"Nickname\":\"n\",\"OverdraftLimit\":0,"
                        + "\"Balance\":{\"Available\":5405.5,\"Current\":\"-300\",\"Limit\":null},"
                        + "\"Holder\":{\"Name\":null,\"Address\":{\"City\":\"Montreal\"}},"
                        + "\"Transactions\":[{\"Id\":\"t-1\",\"Date\":\"2025/01/31\",\"Credit\":1500.25,\"Category\":\"Food\"},"
                        + "null,{\"Date\":\"2025-01-30T00:00:00\",\"Debit\":4.1}]}]}"),
                AccountsDelivery.webhook(null, RECEIVED));

        assertThat(e.getLoginId()).isEqualTo(LOGIN);
        assertThat(e.getLogin().getId()).isEqualTo(LOGIN);
        assertThat(e.getRequestId()).isEqualTo("r-1");
        assertThat(e.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(e.getRequestIdLastUsedAt()).isNull();
        assertThat(e.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(e.getInstitutionId()).isEqualTo(14);
        assertThat(e.getExtra()).containsExactly(entry("Links", "[{\"rel\":\"self\"}]"));
        assertThat(e.getEventId())
                .isEqualTo(EventIds.forSnapshot(LOGIN, null, "r-1").toString());
        var account = e.getAccounts().get(0);
        assertThat(account.getExtra()).containsOnly(entry("Tag", "\"t\""), entry("Nickname", "\"n\""));
        assertThat(account.getOverdraftLimit()).isEqualTo(new BigDecimal("0.0000"));
        assertThat(account.getBalance().getAvailable()).isEqualTo(new BigDecimal("5405.5000"));
        assertThat(account.getBalance().getCurrent()).isEqualTo(new BigDecimal("-300.0000"));
        assertThat(account.getBalance().getLimit()).isNull();
        assertThat(account.getHolder().getName()).isEmpty(); // required by the schema: absent becomes ""
        assertThat(account.getHolder().getEmail()).isEmpty();
        assertThat(account.getHolder().getAddress().getCity()).isEqualTo("Montreal");
        // A null transaction carries nothing: it is skipped.
        assertThat(account.getTransactions()).hasSize(2);
        assertThat(account.getTransactions().get(0).getDate()).isEqualTo(LocalDate.of(2025, 1, 31));
        assertThat(account.getTransactions().get(0).getCredit()).isEqualTo(new BigDecimal("1500.2500"));
        assertThat(account.getTransactions().get(0).getExtra()).containsExactly(entry("Category", "\"Food\""));
        assertThat(account.getTransactions().get(1).getId()).isNull();
        assertThat(account.getTransactions().get(1).getDate()).isEqualTo(LocalDate.of(2025, 1, 30));
    }

    @Test
    void whatThePayloadLacksComesFromTheChannelWhatItSaysWins() throws IOException {
        AccountsReady bare = AccountsReadyMapping.map(read("{\"Accounts\":[]}"), poll(LOGIN, "r-poll"));
        assertThat(bare.getLoginId()).isEqualTo(LOGIN);
        assertThat(bare.getLogin().getId()).isEqualTo(LOGIN);
        assertThat(bare.getLogin().getLastRefresh()).isNull();
        assertThat(bare.getRequestId()).isEqualTo("r-poll");
        assertThat(bare.getTag()).isEqualTo("tag-of-login");
        assertThat(bare.getInstitution()).isEqualTo("institution-of-login");
        assertThat(bare.getSource()).isEqualTo(AccountsSource.POLL);
        assertThat(bare.getRequestIdLastUsedAt()).isEqualTo(SENT);
        assertThat(bare.getUserReference()).isEqualTo("user-1");
        assertThat(bare.getLoginReceivedAt()).isEqualTo(RECEIVED.minusSeconds(60));
        assertThat(bare.getFallback()).isTrue();

        AccountsReady full = AccountsReadyMapping.map(
                read("{\"RequestId\":\"r-body\",\"Tag\":\"tag-of-body\"," + "\"Institution\":\"FlinksCapital\","
                        + LOGIN_JSON + "}"),
                poll(LOGIN, "r-poll"));
        assertThat(full.getRequestId()).isEqualTo("r-poll"); // the session we polled
        assertThat(full.getTag()).isEqualTo("tag-of-body");
        assertThat(full.getInstitution()).isEqualTo("FlinksCapital");
    }

    @Test
    void theEventIdNamesTheSnapshotWhicheverChannelDeliveredIt() throws IOException {
        String body = "{\"RequestId\":\"r-1\",\"Login\":{\"Id\":\"" + LOGIN + "\",\"LastRefresh\":\"%s\"}}";
        AccountsReady webhook = AccountsReadyMapping.map(
                read(body.formatted("2025-01-31T17:40:54.5692613")), AccountsDelivery.webhook(null, RECEIVED));
        AccountsReady poll =
                AccountsReadyMapping.map(read(body.formatted("2025-01-31T17:40:54.5692613Z")), poll(LOGIN, "r-2"));
        assertThat(poll.getEventId())
                .isEqualTo(webhook.getEventId())
                .isEqualTo(EventIds.forSnapshot(LOGIN, Instant.parse("2025-01-31T17:40:54.5692613Z"), null)
                        .toString());
        assertThat(webhook.getLogin().getLastRefresh()).isEqualTo(Instant.parse("2025-01-31T17:40:54.569261300Z"));
        // Flinks' "never" sentinel and instants timestamp-nanos cannot hold: no LastRefresh, the session names it.
        for (String never : new String[] {"0001-01-01T00:00:00", "2300-01-01T00:00:00"}) {
            AccountsReady e =
                    AccountsReadyMapping.map(read(body.formatted(never)), AccountsDelivery.webhook(null, RECEIVED));
            assertThat(e.getLogin().getLastRefresh()).isNull();
            assertThat(e.getEventId())
                    .isEqualTo(EventIds.forSnapshot(LOGIN, null, "r-1").toString());
        }
    }

    @Test
    void refusesWhatTheEventCannotHoldTheSameForEveryChannel() throws IOException {
        AccountsDelivery webhook = AccountsDelivery.webhook(null, RECEIVED);
        String head = "{\"RequestId\":\"r\"," + LOGIN_JSON + ",\"Accounts\":";
        for (AccountsDelivery delivery : new AccountsDelivery[] {webhook, poll(LOGIN, "r")}) {
            assertUnmappable(
                    read(head + "[{\"Title\":\"x\"}]}"),
                    delivery,
                    UnmappablePayloadException.INVALID_PAYLOAD,
                    "Accounts[0].Id is missing.");
            assertUnmappable(
                    read(head + "[{\"Id\":\"a\"},{\"Id\":\" \"}]}"),
                    delivery,
                    UnmappablePayloadException.INVALID_PAYLOAD,
                    "Accounts[1].Id is missing.");
            assertUnmappable(
                    read(head + "[{\"Id\":\"a\",\"Transactions\":[{},{\"Debit\":0.00001}]}]}"),
                    delivery,
                    UnmappablePayloadException.INVALID_PAYLOAD,
                    "Accounts[0].Transactions[1].Debit cannot be held exactly as decimal(22,4).");
            assertUnmappable(
                    read(head + "[{\"Id\":\"a\",\"Balance\":{\"Current\":1234567890123456789}}]}"),
                    delivery,
                    UnmappablePayloadException.INVALID_PAYLOAD,
                    "Accounts[0].Balance.Current cannot be held exactly as decimal(22,4).");
            assertUnmappable(
                    read(head + "[{\"Id\":\"a\",\"OverdraftLimit\":\"0.12345\"}]}"),
                    delivery,
                    UnmappablePayloadException.INVALID_PAYLOAD,
                    "Accounts[0].OverdraftLimit cannot be held exactly as decimal(22,4).");
            assertUnmappable(
                    read("{\"RequestId\":\"r\",\"Login\":{\"Id\":\"nope\"}}"),
                    delivery,
                    UnmappablePayloadException.INVALID_LOGIN_ID,
                    "The payload's Login.Id must be a GUID.");
        }
        // What only the channel can supply.
        assertUnmappable(
                read("{\"RequestId\":\"r\"}"),
                webhook,
                UnmappablePayloadException.MISSING_LOGIN_ID,
                "The payload has no Login object with an Id.");
        assertUnmappable(
                read("{\"RequestId\":\"r\",\"Login\":{\"Username\":\"u\"}}"),
                webhook,
                UnmappablePayloadException.MISSING_LOGIN_ID,
                "The payload's Login object has no Id.");
        assertUnmappable(
                read("{" + LOGIN_JSON + "}"),
                webhook,
                UnmappablePayloadException.MISSING_REQUEST_ID,
                "A GetAccountsDetail payload must carry RequestId.");
        assertUnmappable(
                read("{\"RequestId\":\"r\",\"Login\":{\"Id\":\"0b4f6e45-2a1d-4a59-9b0b-2d6f0c1b2a3c\"}}"),
                poll(LOGIN, "r"),
                UnmappablePayloadException.INVALID_LOGIN_ID,
                "The payload's Login.Id is not the login asked for.");
    }

    @Test
    void mapsAKycWebhookWithTheSameLoginAndHolderRules() throws IOException {
        KycWebhook webhook = FlinksJson.readerFor(KycWebhook.class)
                .readValue(("{\"ResponseType\":\"KYC\","
                                + "\"HttpStatusCode\":200,\"RequestId\":\"r\",\"Institution\":\"FlinksCapital\","
                                + LOGIN_JSON + ","
                                + "\"Holders\":[{\"Name\":\"Jane\",\"Email\":null},null]}")
                        .getBytes(StandardCharsets.UTF_8));
        KycReceived e = KycReceivedMapping.map(webhook, "id-1", "user-2", RECEIVED);
        assertThat(e.getEventId()).isEqualTo("id-1");
        assertThat(e.getLoginId()).isEqualTo(LOGIN);
        assertThat(e.getRequestId()).isEqualTo("r");
        assertThat(e.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(e.getUserReference()).isEqualTo("user-2");
        assertThat(e.getHolders()).singleElement().satisfies(h -> {
            assertThat(h.getName()).isEqualTo("Jane");
            assertThat(h.getEmail()).isEmpty();
        });
        KycWebhook anonymous =
                FlinksJson.readerFor(KycWebhook.class).readValue("{\"Holders\":[]}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> KycReceivedMapping.map(anonymous, "id", null, RECEIVED))
                .isInstanceOfSatisfying(
                        UnmappablePayloadException.class,
                        ex -> assertThat(ex.reason()).isEqualTo(UnmappablePayloadException.MISSING_LOGIN_ID));
    }
}
