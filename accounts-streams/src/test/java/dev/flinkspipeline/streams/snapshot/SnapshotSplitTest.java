package dev.flinkspipeline.streams.snapshot;

import static dev.flinkspipeline.streams.Snapshots.account;
import static dev.flinkspipeline.streams.Snapshots.debit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.Money;
import dev.flinkspipeline.streams.Snapshots;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotSplitTest {

    private static final String LOGIN = "5e0d7a4c-0000-4000-8000-000000000001";
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

    /** The marks as the stores would hold them between snapshots. */
    private final Map<String, SeenAccount> accounts = new HashMap<>();

    private final Map<String, SeenTransaction> transactions = new HashMap<>();

    private SnapshotSplit.Plan split(AccountsReady snapshot, long recordTime) {
        SnapshotSplit.Plan plan = SnapshotSplit.plan(snapshot, recordTime, accounts::get, transactions::get);
        accounts.putAll(plan.accountMarks());
        transactions.putAll(plan.transactionMarks());
        return plan;
    }

    @Test
    void firstSnapshotWritesEveryAccountAndTransactionInDateOrder() {
        SnapshotSplit.Plan plan = split(
                Snapshots.of(
                        LOGIN,
                        T1,
                        List.of(
                                account(
                                        "acc-1",
                                        "100",
                                        debit("t2", "2026-11-30", "5", "COFFEE"),
                                        debit("t1", "2026-11-02", "7", "BOOK")),
                                account("acc-2", "50"))),
                1_000);

        assertThat(plan.states()).extracting(s -> s.getAccountId()).containsExactly("acc-1", "acc-2");
        assertThat(plan.states().get(0).getAccount().getTransactions()).isEmpty();
        assertThat(plan.states().get(0).getTransactionCount()).isEqualTo(2);
        assertThat(plan.states().get(0).getLastRefresh()).isEqualTo(T1);
        assertThat(plan.transactions())
                .extracting(AccountTransaction::getTransactionKey)
                .containsExactly("t1", "t2");
        assertThat(plan.transactions())
                .allSatisfy(t -> assertThat(t.getRevision()).isEqualTo(1));
        assertThat(plan.transactions())
                .extracting(AccountTransaction::getCurrency)
                .containsOnly("CAD");
    }

    @Test
    void aLaterSnapshotUpdatesTheStateAndWritesOnlyNewTransactions() {
        split(Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOK")))), 1_000);

        SnapshotSplit.Plan plan = split(
                Snapshots.of(
                        LOGIN,
                        T2,
                        List.of(account(
                                "acc-1",
                                "93",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t3", "2026-12-01", "3", "BUS")))),
                2_000);

        assertThat(plan.states()).singleElement().satisfies(s -> {
            assertThat(s.getAccount().getBalance().getCurrent()).isEqualByComparingTo("93");
            assertThat(s.getLastRefresh()).isEqualTo(T2);
        });
        assertThat(plan.transactions())
                .extracting(AccountTransaction::getTransactionKey)
                .containsExactly("t3");
        assertThat(plan.repeatedTransactions()).isEqualTo(1);
        assertThat(transactions.get(MarkKeys.transaction(LOGIN, "acc-1", "t1")).lastSeenMs())
                .isEqualTo(2_000);
    }

    @Test
    void theSameSnapshotAgainWritesNothing() {
        AccountsReady snapshot =
                Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOK"))));
        split(snapshot, 1_000);

        SnapshotSplit.Plan again = split(snapshot, 5_000);

        assertThat(again.states()).isEmpty();
        assertThat(again.transactions()).isEmpty();
    }

    @Test
    void anOlderSnapshotArrivingLateNeitherRollsBackTheStateNorTheTransactions() {
        split(
                Snapshots.of(
                        LOGIN, T2, List.of(account("acc-1", "93", debit("t1", "2026-11-02", "7", "BOOK (CORRECTED)")))),
                2_000);

        SnapshotSplit.Plan late = split(
                Snapshots.of(
                        LOGIN,
                        T1,
                        List.of(account(
                                "acc-1",
                                "100",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t0", "2026-10-01", "1", "GUM")))),
                3_000);

        assertThat(late.states()).isEmpty();
        assertThat(late.staleTransactions()).isEqualTo(1);
        // a transaction only the older snapshot has was never written: it is written now
        assertThat(late.transactions())
                .extracting(AccountTransaction::getTransactionKey)
                .containsExactly("t0");
        assertThat(transactions.get(MarkKeys.transaction(LOGIN, "acc-1", "t1")).revision())
                .isEqualTo(1);
    }

    @Test
    void aTransactionWhoseContentChangedIsWrittenAgainAsTheNextRevision() {
        split(
                Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "POS 1234")))),
                1_000);

        SnapshotSplit.Plan plan = split(
                Snapshots.of(
                        LOGIN,
                        T2,
                        List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOKSHOP MONTREAL")))),
                2_000);

        assertThat(plan.transactions()).singleElement().satisfies(t -> {
            assertThat(t.getRevision()).isEqualTo(2);
            assertThat(t.getTransaction().getDescription()).isEqualTo("BOOKSHOP MONTREAL");
        });
    }

    @Test
    void aShiftedRunningBalanceOrAnotherScaleIsNotAChange() {
        Transaction first = debit("t1", "2026-11-02", "7", "BOOK");
        first.setBalance(Money.of(new BigDecimal("93")));
        split(Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", first))), 1_000);

        Transaction backDatedBefore = debit("t1", "2026-11-02", "7.0000", "BOOK");
        backDatedBefore.setBalance(Money.of(new BigDecimal("88")));
        SnapshotSplit.Plan plan =
                split(Snapshots.of(LOGIN, T2, List.of(account("acc-1", "88", backDatedBefore))), 2_000);

        assertThat(plan.transactions()).isEmpty();
    }

    @Test
    void transactionsWithoutAnIdAreRecognisedByTheirContentAndRank() {
        Transaction coffee = debit(null, "2026-11-30", "5", "COFFEE");
        Transaction sameCoffee = debit(null, "2026-11-30", "5", "COFFEE");
        SnapshotSplit.Plan first =
                split(Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", coffee, sameCoffee))), 1_000);
        assertThat(first.transactions()).hasSize(2);
        assertThat(first.transactions().get(0).getTransactionKey()).startsWith("derived:");
        assertThat(first.transactions().get(1).getTransactionKey())
                .isEqualTo(first.transactions().get(0).getTransactionKey() + "#2");

        SnapshotSplit.Plan second = split(
                Snapshots.of(
                        LOGIN,
                        T2,
                        List.of(account(
                                "acc-1",
                                "100",
                                debit(null, "2026-11-30", "5", "COFFEE"),
                                debit(null, "2026-11-30", "5", "COFFEE"),
                                debit(null, "2026-11-30", "5", "COFFEE")))),
                2_000);
        assertThat(second.transactions())
                .extracting(AccountTransaction::getTransactionKey)
                .containsExactly(first.transactions().get(0).getTransactionKey() + "#3");
    }

    @Test
    void eventIdsAreDeterministic() {
        AccountsReady snapshot =
                Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOK"))));
        SnapshotSplit.Plan one = SnapshotSplit.plan(snapshot, 1, key -> null, key -> null);
        SnapshotSplit.Plan two = SnapshotSplit.plan(snapshot, 2, key -> null, key -> null);
        assertThat(one.states().get(0).getEventId())
                .isEqualTo(two.states().get(0).getEventId());
        assertThat(one.transactions().get(0).getEventId())
                .isEqualTo(two.transactions().get(0).getEventId())
                .isNotEqualTo(one.states().get(0).getEventId());
    }
}
