package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.EventIds;
import java.util.List;

/** The per-account and per-transaction events of one snapshot, with their deterministic eventIds. */
public final class AccountRecords {

    public static final String ACCOUNT_STATE = "AccountState";
    public static final String ACCOUNT_TRANSACTION = "AccountTransaction";

    private AccountRecords() {}

    /** The account's state in {@code snapshot}: the account without its transactions (they go one by one). */
    public static AccountState state(AccountsReady snapshot, Account account) {
        return AccountState.newBuilder()
                .setEventId(EventIds.forEvent(
                                snapshot.getLoginId(),
                                null,
                                ACCOUNT_STATE,
                                "snapshot=" + snapshot.getEventId() + "|account=" + account.getId())
                        .toString())
                .setLoginId(snapshot.getLoginId())
                .setAccountId(account.getId())
                .setSnapshotEventId(snapshot.getEventId())
                .setRequestId(snapshot.getRequestId())
                .setLastRefresh(
                        snapshot.getLogin() == null ? null : snapshot.getLogin().getLastRefresh())
                .setSnapshotReceivedAt(snapshot.getReceivedAt())
                .setInstitution(snapshot.getInstitution())
                .setInstitutionId(snapshot.getInstitutionId())
                .setAccount(
                        Account.newBuilder(account).setTransactions(List.of()).build())
                .setTransactionCount(
                        account.getTransactions() == null
                                ? 0
                                : account.getTransactions().size())
                .build();
    }

    public static AccountTransaction transaction(
            AccountsReady snapshot, Account account, String transactionKey, int revision, Transaction transaction) {
        return AccountTransaction.newBuilder()
                .setEventId(EventIds.forEvent(
                                snapshot.getLoginId(),
                                null,
                                ACCOUNT_TRANSACTION,
                                "account=" + account.getId() + "|transaction=" + transactionKey + "|revision="
                                        + revision)
                        .toString())
                .setLoginId(snapshot.getLoginId())
                .setAccountId(account.getId())
                .setTransactionKey(transactionKey)
                .setRevision(revision)
                .setSnapshotEventId(snapshot.getEventId())
                .setRequestId(snapshot.getRequestId())
                .setLastRefresh(
                        snapshot.getLogin() == null ? null : snapshot.getLogin().getLastRefresh())
                .setSnapshotReceivedAt(snapshot.getReceivedAt())
                .setCurrency(account.getCurrency())
                .setTransaction(transaction)
                .build();
    }
}
