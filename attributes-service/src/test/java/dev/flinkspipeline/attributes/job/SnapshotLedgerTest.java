package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotLedgerTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

    private static SnapshotLedger.Verdict judge(
            IdempotencyLedger<SnapshotAccepted> ledger,
            int partition,
            String loginId,
            Instant lastRefresh,
            String requestId) {
        return SnapshotLedger.judge(ledger.processed(partition, loginId), lastRefresh, requestId, null);
    }

    private static void accept(IdempotencyLedger<SnapshotAccepted> ledger, int partition, SnapshotAccepted mark) {
        ledger.committed(partition, mark.getLoginId(), mark);
    }

    @Test
    void sameLastRefreshIsADuplicateWhicheverFlowOrRequestIdBringsIt() {
        IdempotencyLedger<SnapshotAccepted> ledger = SnapshotLedger.on("snapshots");
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotLedger.Verdict.NEW);
        accept(ledger, 0, mark("login", T1, "req-poll", "POLL", T2, null));
        assertThat(judge(ledger, 0, "login", T1, "req-webhook")).isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
    }

    @Test
    void olderSnapshotIsStaleNewerIsNew() {
        IdempotencyLedger<SnapshotAccepted> ledger = SnapshotLedger.on("snapshots");
        accept(ledger, 3, mark("login", T2, "req-2", "POLL", T2, null));
        assertThat(judge(ledger, 3, "login", T1, "req-1")).isEqualTo(SnapshotLedger.Verdict.STALE);
        assertThat(judge(ledger, 3, "login", T2.plusNanos(100), "req-3")).isEqualTo(SnapshotLedger.Verdict.NEW);
        assertThat(judge(ledger, 3, "other", T1, "req-1")).isEqualTo(SnapshotLedger.Verdict.NEW);
    }

    @Test
    void withoutLastRefreshTheRequestIdIdentifiesTheSnapshot() {
        IdempotencyLedger<SnapshotAccepted> ledger = SnapshotLedger.on("snapshots");
        accept(ledger, 0, mark("login", null, "req-1", "WEBHOOK", T2, null));
        assertThat(judge(ledger, 0, "login", null, "req-1")).isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", null, "req-2")).isEqualTo(SnapshotLedger.Verdict.NEW);
        assertThat(judge(ledger, 0, "login", T1, "req-2")).isEqualTo(SnapshotLedger.Verdict.NEW);
    }

    @Test
    void aRedriveIsNewOncePerRedriveIdEvenForASnapshotTakenOn() {
        SnapshotAccepted taken = mark("login", T1, "req-1", "POLL", T2, null);
        assertThat(SnapshotLedger.judge(taken, T1, "req-1", null)).isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(taken, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotLedger.Verdict.NEW);
        assertThat(SnapshotLedger.judge(null, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotLedger.Verdict.NEW);

        SnapshotAccepted redriven = mark("login", T1, "req-1", "POLL", T2, "failed-1@t");
        assertThat(SnapshotLedger.judge(redriven, T1, "req-1", "failed-1@t"))
                .as("the same re-drive delivered again")
                .isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(redriven, T1, "req-1", "failed-1@later"))
                .as("a re-drive of a later failure")
                .isEqualTo(SnapshotLedger.Verdict.NEW);
        assertThat(SnapshotLedger.judge(redriven, T1, "req-webhook", null))
                .as("the snapshot again without the header")
                .isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(redriven, T2, "req-2", null)).isEqualTo(SnapshotLedger.Verdict.NEW);
    }

    @Test
    void theRedriveIdTravelsThroughTheSnapshotTopicRecord() {
        IdempotencyLedger<SnapshotAccepted> ledger = SnapshotLedger.on("snapshots");
        SnapshotAccepted redriven = mark("login", T1, "req-1", "WEBHOOK", T2, "failed-1@t");
        assertThat(ledger.record(0, "login", redriven).value()).isEqualTo(redriven);
        SnapshotAccepted plain = mark("login", null, "req-1", "POLL", T2, null);
        assertThat(ledger.record(0, "login", plain).value()).isEqualTo(plain);
        assertThat(((SnapshotAccepted) ledger.record(0, "login", plain).value()).getRedriveId())
                .isNull();
    }

    /** A snapshot of the snapshot topic. */
    static SnapshotAccepted mark(
            String loginId,
            Instant lastRefresh,
            String requestId,
            String source,
            Instant acceptedAt,
            String redriveId) {
        return SnapshotAccepted.newBuilder()
                .setLoginId(loginId)
                .setLastRefresh(lastRefresh)
                .setAccountsRequestId(requestId)
                .setSource(source)
                .setAcceptedAt(acceptedAt)
                .setRedriveId(redriveId)
                .build();
    }

    @Test
    void partitionsAreLoadedAndDroppedIndependently() {
        IdempotencyLedger<SnapshotAccepted> ledger = SnapshotLedger.on("snapshots");
        ledger.load(1, Map.of("login", mark("login", T1, "req-1", "POLL", T2, null)));
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotLedger.Verdict.DUPLICATE);
        assertThat(judge(ledger, 2, "login", T1, "x")).isEqualTo(SnapshotLedger.Verdict.NEW);
        ledger.drop(1);
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotLedger.Verdict.NEW);
        assertThat(ledger.size()).isZero();
    }
}
