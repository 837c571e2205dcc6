package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits one AccountsReady into what is new for its consumers, given what was seen before:
 * <ul>
 * <li>an {@link AccountState} per account, unless the account's state already comes from this snapshot or from a
 * newer one (a redelivered or late older snapshot never rolls the state back);</li>
 * <li>an {@link AccountTransaction} per transaction never seen for its account (revision 1), or seen with other
 * content in an older snapshot (revision + 1); one seen with the same content is not written again, nor one whose
 * stored content comes from a newer snapshot.</li>
 * </ul>
 * New transactions of an account come in date order (lines of one date in the order Flinks sent them). The plan also
 * says which marks to store; nothing is read or written here, so this is the whole decision, testable alone.
 */
public final class SnapshotSplit {

    private static final Comparator<Transaction> BY_DATE =
            Comparator.comparing(Transaction::getDate, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** What to write and remember for one snapshot. Marks are keyed by {@link MarkKeys}. */
    public record Plan(
            List<AccountState> states,
            List<AccountTransaction> transactions,
            Map<String, SeenAccount> accountMarks,
            Map<String, SeenTransaction> transactionMarks,
            int repeatedTransactions,
            int staleTransactions) {}

    private SnapshotSplit() {}

    /**
     * @param snapshot     a snapshot without {@link SnapshotProblems}
     * @param recordTimeMs the AccountsReady record's timestamp: when its accounts and transactions were last seen
     * @param accountMarks the stored account mark by {@link MarkKeys#account} key, or null
     * @param transactionMarks the stored transaction mark by {@link MarkKeys#transaction} key, or null
     */
    public static Plan plan(
            AccountsReady snapshot,
            long recordTimeMs,
            Function<String, SeenAccount> accountMarks,
            Function<String, SeenTransaction> transactionMarks) {
        SnapshotPoint point = SnapshotPoint.of(snapshot);
        String loginId = snapshot.getLoginId();
        List<AccountState> states = new ArrayList<>();
        List<AccountTransaction> transactions = new ArrayList<>();
        Map<String, SeenAccount> newAccountMarks = new LinkedHashMap<>();
        Map<String, SeenTransaction> newTransactionMarks = new LinkedHashMap<>();
        int repeated = 0;
        int stale = 0;
        for (Account account : snapshot.getAccounts()) {
            String accountKey = MarkKeys.account(loginId, account.getId());
            SeenAccount seen = accountMarks.apply(accountKey);
            if (seen == null || point.supersedes(seen.snapshotEventId(), seen.snapshotAt())) {
                states.add(AccountRecords.state(snapshot, account));
                newAccountMarks.put(accountKey, new SeenAccount(point.eventId(), point.at(), recordTimeMs));
            } else {
                newAccountMarks.put(
                        accountKey,
                        new SeenAccount(
                                seen.snapshotEventId(), seen.snapshotAt(), Math.max(seen.lastSeenMs(), recordTimeMs)));
            }

            List<Transaction> lines = account.getTransactions() == null ? List.of() : account.getTransactions();
            List<String> keys = TransactionKeys.of(loginId, account.getId(), lines);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(lines::get, BY_DATE)); // stable: ties keep Flinks' order
            for (int i : order) {
                Transaction line = lines.get(i);
                String key = keys.get(i);
                String markKey = MarkKeys.transaction(loginId, account.getId(), key);
                String fingerprint = TransactionContent.fingerprint(line);
                SeenTransaction before = transactionMarks.apply(markKey);
                if (before == null) {
                    transactions.add(AccountRecords.transaction(snapshot, account, key, 1, line));
                    newTransactionMarks.put(markKey, new SeenTransaction(fingerprint, 1, point.at(), recordTimeMs));
                } else if (before.fingerprint().equals(fingerprint)) {
                    repeated++;
                    newTransactionMarks.put(markKey, before.seenAgain(recordTimeMs));
                } else if (!point.at().isBefore(before.snapshotAt())) {
                    int revision = before.revision() + 1;
                    transactions.add(AccountRecords.transaction(snapshot, account, key, revision, line));
                    newTransactionMarks.put(
                            markKey, new SeenTransaction(fingerprint, revision, point.at(), recordTimeMs));
                } else {
                    stale++; // an older snapshot's content: the newer one already written stands
                    newTransactionMarks.put(markKey, before.seenAgain(recordTimeMs));
                }
            }
        }
        return new Plan(states, transactions, newAccountMarks, newTransactionMarks, repeated, stale);
    }
}
