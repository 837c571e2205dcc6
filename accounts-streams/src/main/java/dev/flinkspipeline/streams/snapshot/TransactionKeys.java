package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.EventIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity of each transaction within its account, stable across snapshots of the login: Flinks' transaction Id
 * when it sent one; otherwise {@code derived:} + a name-based UUID of the date, amounts, running balance and
 * description (the running balance tells apart two equal purchases on one day). A key met again within one
 * snapshot (Flinks repeating an Id, or truly identical lines) gets {@code #2}, {@code #3}, ... in order, so every
 * line of a snapshot has its own key and the same lines get the same keys in the next snapshot.
 */
public final class TransactionKeys {

    public static final String DERIVED_PREFIX = "derived:";

    private TransactionKeys() {}

    /** One key per transaction of {@code accountId}, in the given order. */
    public static List<String> of(String loginId, String accountId, List<Transaction> transactions) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<String> keys = new ArrayList<>(transactions.size());
        for (Transaction transaction : transactions) {
            String base = hasId(transaction) ? transaction.getId() : derived(loginId, accountId, transaction);
            int occurrence = occurrences.merge(base, 1, Integer::sum);
            keys.add(occurrence == 1 ? base : base + '#' + occurrence);
        }
        return keys;
    }

    public static boolean isDerived(String key) {
        return key.startsWith(DERIVED_PREFIX);
    }

    private static boolean hasId(Transaction transaction) {
        return transaction.getId() != null && !transaction.getId().isBlank();
    }

    private static String derived(String loginId, String accountId, Transaction transaction) {
        StringBuilder name = new StringBuilder("account=").append(accountId);
        TransactionContent.part(
                name,
                transaction.getDate() == null ? null : transaction.getDate().toString());
        TransactionContent.part(name, TransactionContent.amount(transaction.getDebit()));
        TransactionContent.part(name, TransactionContent.amount(transaction.getCredit()));
        TransactionContent.part(name, TransactionContent.amount(transaction.getBalance()));
        TransactionContent.part(name, transaction.getDescription());
        return DERIVED_PREFIX + EventIds.forEvent(loginId, null, "TransactionKey", name.toString());
    }
}
