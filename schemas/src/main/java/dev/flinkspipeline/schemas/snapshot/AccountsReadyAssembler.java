package dev.flinkspipeline.schemas.snapshot;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.SnapshotPart;
import dev.flinkspipeline.events.Transaction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the parts of a split AccountsReady back together: feed it a login's records in the order they were
 * read (one partition, so the producer's order); it answers each with the whole snapshot once that is
 * complete. A record without part is a whole snapshot and is answered as is. Not thread-safe: one per
 * login (or per partition, parts of different logins never interleave within one producer's write, but may
 * between producers: keep one per loginId).
 *
 * <p>A part that does not follow the one before (another snapshot started, a part is missing) drops the
 * parts gathered so far: a producer writes every part of a snapshot together and a redelivery writes them
 * all again, so an incomplete run is never completed later.
 */
public final class AccountsReadyAssembler {

    private final List<AccountsReady> gathered = new ArrayList<>();

    /**
     * @return the whole snapshot when {@code record} completes one (or is one), else empty
     */
    public Optional<AccountsReady> add(AccountsReady record) {
        SnapshotPart part = record.getPart();
        if (part == null) {
            gathered.clear();
            return Optional.of(record);
        }
        if (part.getIndex() == 0 || !follows(part)) {
            gathered.clear();
            if (part.getIndex() != 0) {
                return Optional.empty(); // the run's start was never seen: nothing to complete
            }
        }
        gathered.add(record);
        if (part.getIndex() < part.getCount() - 1) {
            return Optional.empty();
        }
        AccountsReady whole = assemble(gathered);
        gathered.clear();
        return Optional.of(whole);
    }

    /** The parts this assembler holds, waiting for the rest of their snapshot. */
    public int pending() {
        return gathered.size();
    }

    private boolean follows(SnapshotPart part) {
        if (gathered.isEmpty()) {
            return false;
        }
        SnapshotPart last = gathered.get(gathered.size() - 1).getPart();
        return last.getSnapshotEventId().equals(part.getSnapshotEventId())
                && last.getCount() == part.getCount()
                && last.getIndex() + 1 == part.getIndex();
    }

    /**
     * The snapshot made of {@code parts}: all parts of one snapshot, in order (index 0 to count - 1).
     *
     * @throws IllegalArgumentException when they are not exactly that
     */
    public static AccountsReady assemble(List<AccountsReady> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no parts");
        }
        AccountsReady first = parts.get(0);
        if (first.getPart() == null) {
            if (parts.size() != 1) {
                throw new IllegalArgumentException("a whole snapshot is one record");
            }
            return first;
        }
        String snapshotEventId = first.getPart().getSnapshotEventId();
        int count = first.getPart().getCount();
        if (parts.size() != count) {
            throw new IllegalArgumentException("expected " + count + " parts, got " + parts.size());
        }
        List<Account> accounts = new ArrayList<>();
        Set<Account> joined = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < parts.size(); i++) {
            SnapshotPart part = parts.get(i).getPart();
            if (part == null
                    || part.getIndex() != i
                    || part.getCount() != count
                    || !Objects.equals(part.getSnapshotEventId(), snapshotEventId)) {
                throw new IllegalArgumentException(
                        "part " + i + " of snapshot " + snapshotEventId + " is not in place");
            }
            List<Account> own = parts.get(i).getAccounts();
            int from = 0;
            if (part.getContinuesAccount() && !own.isEmpty()) {
                Account previous = accounts.isEmpty() ? null : accounts.get(accounts.size() - 1);
                if (previous == null || !previous.getId().equals(own.get(0).getId())) {
                    throw new IllegalArgumentException("part " + i + " continues an account the part before lacks");
                }
                if (!joined.contains(previous)) {
                    // Copied once, then extended: the parts given stay as they were.
                    Account copy = Account.newBuilder(previous).build();
                    copy.setTransactions(new ArrayList<>(previous.getTransactions()));
                    joined.add(copy);
                    accounts.set(accounts.size() - 1, copy);
                    previous = copy;
                }
                List<Transaction> transactions = previous.getTransactions();
                transactions.addAll(own.get(0).getTransactions());
                from = 1;
            }
            accounts.addAll(own.subList(from, own.size()));
        }
        AccountsReady whole = AccountsReady.newBuilder(first)
                .setEventId(snapshotEventId)
                .setAccounts(List.of())
                .setPart(null)
                .build();
        whole.setAccounts(accounts);
        return whole;
    }
}
