package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.flinks.AttributeSet;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.Login;
import java.time.Duration;
import java.time.Instant;
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
        SnapshotMark failedJob = new SnapshotMark(LOGIN, LAST_REFRESH, "req-1", "WEBHOOK", NOW.minusSeconds(500));

        assertThat(intake.judge(accountsReady(), failedJob, NOW))
                .isEqualTo(new AccountsReadyIntake.Skip(SnapshotVerdict.DUPLICATE, "WEBHOOK"));

        AccountsReadyIntake.Decision redrive = intake.judge(accountsReady(), "failed-1@t", failedJob, NOW);
        assertThat(redrive).isInstanceOf(AccountsReadyIntake.Start.class);
        AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) redrive;
        assertThat(start.mark().redriveId()).isEqualTo("failed-1@t");
        assertThat(start.mark().lastRefresh()).isEqualTo(LAST_REFRESH);
        assertThat(start.job().accountsRequestId()).isEqualTo("req-1");

        // The mark the re-drive leaves makes a second delivery of it a duplicate.
        assertThat(intake.judge(accountsReady(), "failed-1@t", start.mark(), NOW.plusSeconds(1)))
                .isEqualTo(new AccountsReadyIntake.Skip(SnapshotVerdict.DUPLICATE, "WEBHOOK"));
    }

    @Test
    void aFirstSnapshotWithoutRedriveLeavesAMarkWithoutRedriveId() {
        AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) intake.judge(accountsReady(), null, NOW);
        assertThat(start.mark().redriveId()).isNull();
    }
}
