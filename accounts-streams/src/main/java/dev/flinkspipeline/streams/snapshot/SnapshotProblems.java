package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Why a decoded AccountsReady cannot be split into accounts and transactions, if it cannot: what the Avro schema
 * does not already guarantee. Such a record goes to the dead-letter topic whole, with this reason.
 */
public final class SnapshotProblems {

    private SnapshotProblems() {}

    public static Optional<String> of(AccountsReady snapshot) {
        if (blank(snapshot.getLoginId())) {
            return Optional.of("AccountsReady without a loginId");
        }
        if (blank(snapshot.getEventId())) {
            return Optional.of("AccountsReady without an eventId");
        }
        Set<String> accountIds = new HashSet<>();
        for (int i = 0; i < snapshot.getAccounts().size(); i++) {
            Account account = snapshot.getAccounts().get(i);
            if (blank(account.getId())) {
                return Optional.of("account #" + i + " has no Id");
            }
            if (!accountIds.add(account.getId())) {
                return Optional.of("account Id " + account.getId() + " appears twice in the snapshot");
            }
        }
        return Optional.empty();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
