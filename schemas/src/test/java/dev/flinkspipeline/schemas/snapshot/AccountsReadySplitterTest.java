package dev.flinkspipeline.schemas.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.SnapshotAccount;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.SampleEvents;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountsReadySplitterTest {

    private static final int LIMIT = 64 * 1024;

    @Test
    void aSnapshotThatFitsStaysOneRecordWithoutPart() {
        AccountsReady snapshot = SampleEvents.accountsReadyFull();

        List<AccountsReady> records = new AccountsReadySplitter(LIMIT).split(snapshot);

        assertThat(records).containsExactly(snapshot);
        assertThat(records.get(0).getPart()).isNull();
    }

    @Test
    void manyAccountsAreCutIntoOrderedPartsOfWholeAccountsThatFitAndReassemble() {
        AccountsReady snapshot = snapshot(40, 150);

        List<AccountsReady> parts = new AccountsReadySplitter(LIMIT).split(snapshot);

        assertThat(parts).hasSizeGreaterThan(2);
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            AccountsReady part = parts.get(i);
            assertThat(encodedSize(part)).isLessThanOrEqualTo(LIMIT);
            assertThat(part.getLoginId()).isEqualTo(snapshot.getLoginId());
            assertThat(part.getRequestId()).isEqualTo(snapshot.getRequestId());
            assertThat(part.getPart().getSnapshotEventId()).isEqualTo(snapshot.getEventId());
            assertThat(part.getPart().getIndex()).isEqualTo(i);
            assertThat(part.getPart().getCount()).isEqualTo(parts.size());
            assertThat(part.getPart().getContinuesAccount()).isFalse();
            assertThat(part.getPart().getSnapshotAccounts())
                    .extracting(SnapshotAccount::getId)
                    .containsExactlyElementsOf(
                            snapshot.getAccounts().stream().map(Account::getId).toList());
            eventIds.add(part.getEventId());
        }
        assertThat(eventIds).hasSize(parts.size()).doesNotContain(snapshot.getEventId());
        assertThat(AccountsReadyAssembler.assemble(parts)).isEqualTo(snapshot);
    }

    @Test
    void anAccountTooLargeAloneIsCutByTransactionsAndJoinedBackInOrder() {
        AccountsReady snapshot = snapshot(3, 3000);

        List<AccountsReady> parts = new AccountsReadySplitter(LIMIT).split(snapshot);

        assertThat(parts)
                .anySatisfy(p -> assertThat(p.getPart().getContinuesAccount()).isTrue());
        assertThat(parts).allSatisfy(p -> assertThat(encodedSize(p)).isLessThanOrEqualTo(LIMIT));
        assertThat(AccountsReadyAssembler.assemble(parts)).isEqualTo(snapshot);
    }

    @Test
    void theSameSnapshotIsCutTheSameWayEveryTime() {
        AccountsReadySplitter splitter = new AccountsReadySplitter(LIMIT);

        assertThat(splitter.split(snapshot(10, 500))).isEqualTo(splitter.split(snapshot(10, 500)));
    }

    @Test
    void theAssemblerAnswersOnceTheLastPartArrivesAndPassesWholeSnapshotsThrough() {
        AccountsReady snapshot = snapshot(20, 200);
        List<AccountsReady> parts = new AccountsReadySplitter(LIMIT).split(snapshot);
        AccountsReadyAssembler assembler = new AccountsReadyAssembler();

        List<Optional<AccountsReady>> answers = new ArrayList<>();
        for (AccountsReady part : parts) {
            answers.add(assembler.add(part));
        }

        assertThat(answers.subList(0, parts.size() - 1)).allMatch(Optional::isEmpty);
        assertThat(answers.get(parts.size() - 1)).contains(snapshot);
        assertThat(assembler.pending()).isZero();
        AccountsReady small = SampleEvents.accountsReadyMinimal();
        assertThat(assembler.add(small)).contains(small);
    }

    @Test
    void aRunMissingAPartIsDroppedAndARedeliveryCompletes() {
        AccountsReady snapshot = snapshot(20, 200);
        List<AccountsReady> parts = new AccountsReadySplitter(LIMIT).split(snapshot);
        AccountsReadyAssembler assembler = new AccountsReadyAssembler();

        assembler.add(parts.get(0));
        assertThat(assembler.add(parts.get(2))).isEmpty();
        assertThat(assembler.pending()).isZero();
        Optional<AccountsReady> whole = Optional.empty();
        for (AccountsReady part : parts) {
            whole = assembler.add(part);
        }

        assertThat(whole).contains(snapshot);
    }

    @Test
    void aLimitTooSmallForOneTransactionIsRefused() {
        AccountsReady snapshot = snapshot(1, 10);
        Transaction huge = Transaction.newBuilder(transaction(0))
                .setDescription("x".repeat(20_000))
                .build();
        snapshot.getAccounts().get(0).setTransactions(List.of(huge));

        assertThatThrownBy(() -> new AccountsReadySplitter(AccountsReadySplitter.MIN_MAX_RECORD_BYTES).split(snapshot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loginId=" + snapshot.getLoginId());
    }

    @Test
    void theDefaultLeavesHeadroomUnderTheTopicLimit() {
        assertThat(AccountsReadySplitter.DEFAULT_MAX_RECORD_BYTES)
                .isLessThan(AccountsReadySplitter.TOPIC_MAX_MESSAGE_BYTES)
                .isGreaterThan(AccountsReadySplitter.TOPIC_MAX_MESSAGE_BYTES * 9 / 10);
    }

    private static long encodedSize(AccountsReady record) {
        return AccountsReadySplitter.WIRE_HEADER_BYTES + AvroSize.of(record);
    }

    /** A login with {@code accounts} accounts of {@code transactions} transactions each. */
    static AccountsReady snapshot(int accounts, int transactions) {
        AccountsReady base = SampleEvents.accountsReadyFull();
        Account template = base.getAccounts().get(0);
        List<Account> all = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            List<Transaction> lines = new ArrayList<>();
            for (int t = 0; t < transactions; t++) {
                lines.add(transaction(a * 100_000 + t));
            }
            all.add(Account.newBuilder(template)
                    .setId(String.format("acc-%04d", a))
                    .setType(a % 2 == 0 ? "Chequing" : "CreditCard")
                    .setTransactions(lines)
                    .build());
        }
        AccountsReady snapshot = AccountsReady.newBuilder(base).build();
        snapshot.setAccounts(all);
        return snapshot;
    }

    private static Transaction transaction(int n) {
        return Transaction.newBuilder()
                .setId(String.format("tx-%08d", n))
                .setDate(LocalDate.of(2025, 1, 1).plusDays(n % 365))
                .setDescription("PURCHASE " + n)
                .setDebit(new BigDecimal("12.3400"))
                .setBalance(new BigDecimal("1000.0000"))
                .setExtra(Map.of())
                .build();
    }
}
