package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.SnapshotAccount;
import dev.flinkspipeline.events.SnapshotPart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsReadyIntakeTest {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    private static final Instant LAST_REFRESH = Instant.parse("2026-11-27T05:00:00.1234567Z");
    private static final String LOGIN = "5e0f1c3a-3a4b-4b2c-9d1e-0a1b2c3d4e5f";

    private final AccountsReadyIntake intake = new AccountsReadyIntake(
            new SessionPolicy(Duration.ofMinutes(8), Duration.ofMinutes(2)),
            AttributeSet.useCase("UserAnalysis"),
            Duration.ofMinutes(30));

    private static AccountsReady accountsReady() {
        return AccountsReady.newBuilder()
                .setEventId("accounts-1")
                .setLoginId(LOGIN)
                .setRequestId("req-1")
                .setSource(AccountsSource.WEBHOOK)
                .setLogin(Login.newBuilder()
                        .setId(LOGIN)
                        .setLastRefresh(LAST_REFRESH)
                        .build())
                .setAccounts(List.of())
                .setReceivedAt(NOW.minusSeconds(600))
                .build();
    }

    @Test
    void aSnapshotAlreadyTakenOnIsSkippedUnlessItIsARedrive() {
        SnapshotAccepted failedJob =
                SnapshotLedgerTest.mark(LOGIN, LAST_REFRESH, "req-1", "WEBHOOK", NOW.minusSeconds(500), null);

        assertThat(intake.judge(accountsReady(), null, failedJob, NOW))
                .isEqualTo(new AccountsReadyIntake.Skip(SnapshotLedger.Verdict.DUPLICATE, "WEBHOOK"));

        AccountsReadyIntake.Decision redrive = intake.judge(accountsReady(), "failed-1@t", failedJob, NOW);
        assertThat(redrive).isInstanceOf(AccountsReadyIntake.Start.class);
        AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) redrive;
        assertThat(start.mark().getRedriveId()).isEqualTo("failed-1@t");
        assertThat(start.mark().getLastRefresh()).isEqualTo(LAST_REFRESH);
        assertThat(start.job().accountsRequestId()).isEqualTo("req-1");

        // The mark the re-drive leaves makes a second delivery of it a duplicate.
        assertThat(intake.judge(accountsReady(), "failed-1@t", start.mark(), NOW.plusSeconds(1)))
                .isEqualTo(new AccountsReadyIntake.Skip(SnapshotLedger.Verdict.DUPLICATE, "WEBHOOK"));
    }

    @Test
    void aFirstSnapshotWithoutRedriveLeavesAMarkWithoutRedriveId() {
        AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) intake.judge(accountsReady(), null, null, NOW);
        assertThat(start.mark().getRedriveId()).isNull();
    }

    @Test
    void aSnapshotInPartsStartsOneJobOnItsFirstPartFilteringOnEveryAccountOfTheSnapshot() {
        AccountsReadyIntake custom = new AccountsReadyIntake(
                new SessionPolicy(Duration.ofMinutes(8), Duration.ofMinutes(2)),
                AttributeSet.parse(
                        "Custom", List.of("sum_credits_12m"), List.of(), true, List.of("Chequing"), List.of()),
                Duration.ofMinutes(30));
        List<SnapshotAccount> all = List.of(
                new SnapshotAccount("acc-1", "Chequing", "Operations"),
                new SnapshotAccount("acc-2", "CreditCard", "Credits"),
                new SnapshotAccount("acc-3", "Chequing", "Operations"));
        AccountsReady first = part(0, 2, all, "acc-1", "acc-2");
        AccountsReady second = part(1, 2, all, "acc-3");

        AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) custom.judge(first, null, null, NOW);
        // acc-3 is only in the second part: the first part's account list names it.
        assertThat(start.job().accountIds()).containsExactly("acc-1", "acc-3");
        assertThat(custom.judge(second, null, null, NOW))
                .isEqualTo(new AccountsReadyIntake.LaterPart("accounts-1", 1, 2));
        assertThat(custom.judge(second, null, start.mark(), NOW)).isInstanceOf(AccountsReadyIntake.LaterPart.class);
    }

    private static AccountsReady part(int index, int count, List<SnapshotAccount> all, String... accountIds) {
        List<Account> accounts = new ArrayList<>();
        for (String id : accountIds) {
            SnapshotAccount known =
                    all.stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow();
            accounts.add(Account.newBuilder()
                    .setId(id)
                    .setType(known.getType())
                    .setCategory(known.getCategory())
                    .build());
        }
        return AccountsReady.newBuilder(accountsReady())
                .setEventId("accounts-1-part-" + index)
                .setAccounts(accounts)
                .setPart(new SnapshotPart("accounts-1", index, count, false, all))
                .build();
    }
}
