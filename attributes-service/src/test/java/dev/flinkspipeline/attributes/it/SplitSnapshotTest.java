package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A snapshot written in parts starts one Attributes computation, not one per part. */
class SplitSnapshotTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    static ServiceHarness harness;
    static PipelineTopics topics;
    static SandboxAdminClient admin;

    @BeforeAll
    static void start() {
        harness = AttributesService.harness(infra, "attributes-split").start();
        topics = AttributesService.topics(harness, infra);
        admin = harness.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aSnapshotInPartsIsComputedOnceFromItsFirstPart() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        AccountsReady snapshot = PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                Instant.now(),
                Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600),
                login.accountIds());
        List<Account> withHistory = new ArrayList<>();
        for (Account account : snapshot.getAccounts()) {
            withHistory.add(Account.newBuilder(account).setTransactions(year()).build());
        }
        snapshot.setAccounts(withHistory);
        List<AccountsReady> parts =
                new AccountsReadySplitter(AccountsReadySplitter.MIN_MAX_RECORD_BYTES).split(snapshot);
        assertThat(parts.size()).isGreaterThan(1);

        parts.forEach(topics::publish);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.attributesReadyOf(login.loginId()).isEmpty());
        // Every part was read by then or soon after: give the later parts time to start a second computation.
        Thread.sleep(3000);
        List<AttributesReady> computed = topics.attributesReadyOf(login.loginId());
        assertThat(computed).hasSize(1);
        assertThat(computed.get(0).getRequestIdReused()).isFalse(); // a webhook snapshot: a session of its own
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(1);
    }

    private static List<Transaction> year() {
        List<Transaction> lines = new ArrayList<>();
        for (int day = 0; day < 365; day++) {
            lines.add(Transaction.newBuilder()
                    .setId(UUID.randomUUID().toString())
                    .setDate(LocalDate.of(2026, 1, 1).plusDays(day))
                    .setDescription("POS PURCHASE " + day)
                    .setDebit(new BigDecimal("12.3400"))
                    .build());
        }
        return lines;
    }
}
