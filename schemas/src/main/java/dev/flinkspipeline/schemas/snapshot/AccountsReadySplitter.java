package dev.flinkspipeline.schemas.snapshot;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.SnapshotAccount;
import dev.flinkspipeline.events.SnapshotPart;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an AccountsReady whose record would exceed the producer's maximum record size into ordered parts, so
 * that a snapshot Flinks sent is never dropped for its size. Each part is an AccountsReady with every
 * top-level field of the snapshot, a run of its accounts in order and a {@link SnapshotPart}; an account too
 * large for one record is cut by transactions, its other fields repeated in each part. A snapshot that fits
 * stays the one record it was, without part. Both producers (poll and webhook) cut with this class, so a
 * snapshot is cut the same way whichever channel delivered it when their limits are the same.
 */
public final class AccountsReadySplitter {

    /** The {@code flinks.accounts-ready} topic's {@code max.message.bytes} in the topic plan (16 MiB). */
    public static final int TOPIC_MAX_MESSAGE_BYTES = TopicPlan.FULL_PAYLOAD_BYTES;

    /**
     * The default maximum record size of the producers: the topic's limit less 1 MiB left to the record
     * headers, the record batch framing and whatever else shares a batch.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = TOPIC_MAX_MESSAGE_BYTES - 1024 * 1024;

    /** Confluent wire format: magic byte and schema id before the Avro body. */
    static final int WIRE_HEADER_BYTES = 5;

    /** An array's item-count varint and end marker, the most a non-empty array adds to an empty one. */
    private static final int ARRAY_FRAMING_BYTES = 16;

    /** The smallest limit accepted: below it, a part could not even hold a snapshot's fields. */
    public static final int MIN_MAX_RECORD_BYTES = 16 * 1024;

    private final int maxRecordBytes;

    /** @param maxRecordBytes the largest value a record may have (wire header and Avro body), in bytes */
    public AccountsReadySplitter(int maxRecordBytes) {
        if (maxRecordBytes < MIN_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException(
                    "the maximum record size must be at least " + MIN_MAX_RECORD_BYTES + " bytes: " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    public int maxRecordBytes() {
        return maxRecordBytes;
    }

    /**
     * The records to write for {@code snapshot}, in order: the snapshot itself when it fits, else its parts.
     *
     * @throws IllegalArgumentException when even one transaction with the snapshot's other fields does not fit
     *         (a limit far below any real one), or the snapshot already is a part
     */
    public List<AccountsReady> split(AccountsReady snapshot) {
        if (snapshot.getPart() != null) {
            throw new IllegalArgumentException("the AccountsReady already is a part of a snapshot");
        }
        if (WIRE_HEADER_BYTES + AvroSize.of(snapshot) <= maxRecordBytes) {
            return List.of(snapshot);
        }
        List<SnapshotAccount> index = new ArrayList<>(snapshot.getAccounts().size());
        for (Account account : snapshot.getAccounts()) {
            index.add(new SnapshotAccount(account.getId(), account.getType(), account.getCategory()));
        }
        // The envelope is measured with the largest index and count an int can hold: a varint only grows.
        AccountsReady envelope = AccountsReady.newBuilder(snapshot)
                .setAccounts(List.of())
                .setPart(new SnapshotPart(snapshot.getEventId(), Integer.MAX_VALUE, Integer.MAX_VALUE, true, index))
                .build();
        long budget = maxRecordBytes - WIRE_HEADER_BYTES - AvroSize.of(envelope) - ARRAY_FRAMING_BYTES;
        List<Cut> cuts = cut(snapshot, budget);
        List<AccountsReady> parts = new ArrayList<>(cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            Cut cut = cuts.get(i);
            SnapshotPart part = new SnapshotPart(snapshot.getEventId(), i, cuts.size(), cut.continuesAccount(), index);
            parts.add(AccountsReady.newBuilder(envelope)
                    .setEventId(partEventId(snapshot, i, cuts.size()))
                    .setAccounts(cut.accounts())
                    .setPart(part)
                    .build());
        }
        return parts;
    }

    /**
     * The eventId of part {@code index} of {@code count}: its own, so that consumers deduplicating by eventId keep
     * every part, and derived from the snapshot's so a redelivery gets the same one.
     */
    static String partEventId(AccountsReady snapshot, int index, int count) {
        return EventIds.forEvent(
                        snapshot.getLoginId(),
                        null,
                        AccountsReady.getClassSchema().getName(),
                        "snapshot=" + snapshot.getEventId() + ";part=" + index + "/" + count)
                .toString();
    }

    /** The accounts of one part; {@code continuesAccount}: its first one goes on from the previous part. */
    private record Cut(List<Account> accounts, boolean continuesAccount) {}

    private static List<Cut> cut(AccountsReady snapshot, long budget) {
        List<Cut> cuts = new ArrayList<>();
        List<Account> current = new ArrayList<>();
        long used = 0;
        for (Account account : snapshot.getAccounts()) {
            long size = AvroSize.of(account);
            if (size <= budget - used) {
                current.add(account);
                used += size;
                continue;
            }
            if (!current.isEmpty()) {
                cuts.add(new Cut(current, false));
                current = new ArrayList<>();
                used = 0;
            }
            if (size <= budget) {
                current.add(account);
                used = size;
            } else {
                cutByTransactions(account, budget, snapshot.getLoginId(), cuts);
            }
        }
        if (!current.isEmpty() || cuts.isEmpty()) {
            cuts.add(new Cut(current, false));
        }
        return cuts;
    }

    /** An account alone too large for a part: one part per run of its transactions, in order. */
    private static void cutByTransactions(Account account, long budget, String loginId, List<Cut> cuts) {
        Account shell = Account.newBuilder(account).setTransactions(List.of()).build();
        long room = budget - AvroSize.of(shell) - ARRAY_FRAMING_BYTES;
        List<Transaction> run = new ArrayList<>();
        long used = 0;
        boolean continued = false;
        for (Transaction transaction : account.getTransactions()) {
            long size = AvroSize.of(transaction);
            if (size > room) {
                // The loginId only: account and transaction fields are personal data.
                throw new IllegalArgumentException("loginId=" + loginId
                        + ": one transaction with its account and snapshot fields exceeds the maximum record size");
            }
            if (size > room - used) {
                cuts.add(new Cut(List.of(withTransactions(shell, run)), continued));
                continued = true;
                run = new ArrayList<>();
                used = 0;
            }
            run.add(transaction);
            used += size;
        }
        cuts.add(new Cut(List.of(withTransactions(shell, run)), continued));
    }

    private static Account withTransactions(Account shell, List<Transaction> transactions) {
        Account copy = Account.newBuilder(shell).build();
        copy.setTransactions(transactions);
        return copy;
    }
}
