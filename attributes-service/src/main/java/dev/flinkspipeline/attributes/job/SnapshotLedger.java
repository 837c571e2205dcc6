package dev.flinkspipeline.attributes.job;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/** The latest snapshot taken on per login ({@link SnapshotAccepted}), and how an arriving one compares with it. */
public final class SnapshotLedger {

    private SnapshotLedger() {}

    /** What an arriving AccountsReady is, compared with the login's latest accepted snapshot. */
    public enum Verdict {
        /** A snapshot not seen before: fetch its Attributes. */
        NEW,
        /** The same snapshot again (a redelivered webhook, or the other flow for the same refresh). */
        DUPLICATE,
        /** An older snapshot than one already taken on: its Attributes would not be newer, skip it. */
        STALE;

        /** Metric tag value. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The latest snapshot per login, per input partition, keyed by loginId; its durable copy is the compacted
     * snapshot {@code topic} (same partition numbers as AccountsReady).
     */
    public static IdempotencyLedger<SnapshotAccepted> on(String topic) {
        return new IdempotencyLedger<>(
                topic,
                accepted -> accepted,
                (loginId, value) -> value instanceof SnapshotAccepted accepted ? accepted : null,
                null,
                null,
                Clock.systemUTC());
    }

    /**
     * Compares an arriving snapshot with the login's latest accepted one ({@code latest}, or null). Snapshots are
     * identified by Login.LastRefresh (a redelivered webhook and the poll of the same refresh carry the same one);
     * when either side has none, by the AccountsReady requestId. A re-drive (an operator re-published an
     * AccountsReady after its job failed; {@code redriveId} from the {@code flinks-redrive} header, else null) is
     * {@code NEW} once per redrive id: the same re-drive delivered again is a {@code DUPLICATE}.
     */
    public static Verdict judge(
            SnapshotAccepted latest, Instant lastRefresh, String accountsRequestId, String redriveId) {
        if (redriveId != null) {
            return latest != null && redriveId.equals(latest.getRedriveId()) ? Verdict.DUPLICATE : Verdict.NEW;
        }
        if (latest == null) {
            return Verdict.NEW;
        }
        if (lastRefresh != null && latest.getLastRefresh() != null) {
            int order = lastRefresh.compareTo(latest.getLastRefresh());
            return order == 0 ? Verdict.DUPLICATE : order < 0 ? Verdict.STALE : Verdict.NEW;
        }
        return latest.getAccountsRequestId().equals(accountsRequestId) ? Verdict.DUPLICATE : Verdict.NEW;
    }
}
