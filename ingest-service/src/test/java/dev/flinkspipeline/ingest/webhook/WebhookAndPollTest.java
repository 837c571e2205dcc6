package dev.flinkspipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One snapshot of a login gives one AccountsReady, whether Flinks pushed it or the poller fetched it. */
class WebhookAndPollTest {

    static final String LOGIN = "0b4f6e45-2a1d-4a59-9b0b-2d6f0c1b2a3c";
    static final String REQUEST = "a6a2f1a4-8d2b-4b8a-9a77-7c6c0c5b5d1e";
    static final Instant RECEIVED = Instant.parse("2026-11-30T10:00:00.123Z");

    @Test
    void aWebhookAndAPollOfTheSamePayloadGiveTheSameEvent() throws Exception {
        LoginDataGenerator sandbox = new LoginDataGenerator(42, LocalDate.of(2026, 11, 30));
        byte[] webhookBody = Json.bytes(
                sandbox.webhookAccountsDetail(LOGIN, "greatday_nomfa", REQUEST, "tag-1", DaysOfTransactions.Days365));
        byte[] pollBody = sandbox.accountsDetailBytes(
                LOGIN, "greatday_nomfa", GadOptions.full(DaysOfTransactions.Days365), REQUEST);

        WebhookOutcome outcome =
                new WebhookMapper(new TagUserReferences(Optional.empty())).map(webhookBody, true, RECEIVED);
        AccountsReady webhook = ((WebhookOutcome.AccountsDetail) outcome).event();
        // The poller: flinks-client reads the answer, the same mapping turns it into the event.
        AccountsReady poll = AccountsReadyMapping.map(
                FlinksJson.readAccountsDetail(pollBody),
                new AccountsDelivery(
                        AccountsSource.POLL,
                        LOGIN,
                        REQUEST,
                        RECEIVED.minusSeconds(1),
                        RECEIVED,
                        "tag-1",
                        null,
                        null,
                        null,
                        false));

        assertThat(webhook.getEventId())
                .isEqualTo(poll.getEventId())
                .isEqualTo(EventIds.forSnapshot(LOGIN, webhook.getLogin().getLastRefresh(), REQUEST)
                        .toString());
        assertThat(webhook.getLogin().getLastRefresh()).isNotNull();
        assertThat(webhook.getAccounts())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.getTransactions()).isNotEmpty());
        // Only what tells the channels apart differs.
        assertThat(webhook.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(webhook.getRequestIdLastUsedAt()).isNull();
        poll.setSource(AccountsSource.WEBHOOK);
        poll.setRequestIdLastUsedAt(null);
        assertThat(webhook).isEqualTo(poll);
    }
}
