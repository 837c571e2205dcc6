package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotLedgerTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

    private static SnapshotVerdict judge(
            SnapshotLedger ledger, int partition, String loginId, Instant lastRefresh, String requestId) {
        return SnapshotLedger.judge(ledger.entries().processed(partition, loginId), lastRefresh, requestId, null);
    }

    private static void accept(SnapshotLedger ledger, int partition, SnapshotMark mark) {
        ledger.entries().committed(partition, mark.loginId(), mark);
    }

    @Test
    void sameLastRefreshIsADuplicateWhicheverFlowOrRequestIdBringsIt() {
        SnapshotLedger ledger = new SnapshotLedger("snapshots");
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotVerdict.NEW);
        accept(ledger, 0, new SnapshotMark("login", T1, "req-poll", "POLL", T2, null));
        assertThat(judge(ledger, 0, "login", T1, "req-webhook")).isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotVerdict.DUPLICATE);
    }

    @Test
    void olderSnapshotIsStaleNewerIsNew() {
        SnapshotLedger ledger = new SnapshotLedger("snapshots");
        accept(ledger, 3, new SnapshotMark("login", T2, "req-2", "POLL", T2, null));
        assertThat(judge(ledger, 3, "login", T1, "req-1")).isEqualTo(SnapshotVerdict.STALE);
        assertThat(judge(ledger, 3, "login", T2.plusNanos(100), "req-3")).isEqualTo(SnapshotVerdict.NEW);
        assertThat(judge(ledger, 3, "other", T1, "req-1")).isEqualTo(SnapshotVerdict.NEW);
    }

    @Test
    void withoutLastRefreshTheRequestIdIdentifiesTheSnapshot() {
        SnapshotLedger ledger = new SnapshotLedger("snapshots");
        accept(ledger, 0, new SnapshotMark("login", null, "req-1", "WEBHOOK", T2, null));
        assertThat(judge(ledger, 0, "login", null, "req-1")).isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", null, "req-2")).isEqualTo(SnapshotVerdict.NEW);
        assertThat(judge(ledger, 0, "login", T1, "req-2")).isEqualTo(SnapshotVerdict.NEW);
    }

    @Test
    void aRedriveIsNewOncePerRedriveIdEvenForASnapshotTakenOn() {
        SnapshotMark taken = new SnapshotMark("login", T1, "req-1", "POLL", T2, null);
        assertThat(SnapshotLedger.judge(taken, T1, "req-1", null)).isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(taken, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotVerdict.NEW);
        assertThat(SnapshotLedger.judge(null, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotVerdict.NEW);

        SnapshotMark redriven = new SnapshotMark("login", T1, "req-1", "POLL", T2, "failed-1@t");
        assertThat(SnapshotLedger.judge(redriven, T1, "req-1", "failed-1@t"))
                .as("the same re-drive delivered again")
                .isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(redriven, T1, "req-1", "failed-1@later"))
                .as("a re-drive of a later failure")
                .isEqualTo(SnapshotVerdict.NEW);
        assertThat(SnapshotLedger.judge(redriven, T1, "req-webhook", null))
                .as("the snapshot again without the header")
                .isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(SnapshotLedger.judge(redriven, T2, "req-2", null)).isEqualTo(SnapshotVerdict.NEW);
    }

    @Test
    void theRedriveIdTravelsThroughTheSnapshotTopicRecord() {
        SnapshotMark redriven = new SnapshotMark("login", T1, "req-1", "WEBHOOK", T2, "failed-1@t");
        assertThat(SnapshotMark.of(redriven.toAccepted())).isEqualTo(redriven);
        SnapshotMark plain = new SnapshotMark("login", null, "req-1", "POLL", T2, null);
        assertThat(SnapshotMark.of(plain.toAccepted())).isEqualTo(plain);
        assertThat(plain.toAccepted().getRedriveId()).isNull();
    }

    @Test
    void partitionsAreLoadedAndDroppedIndependently() {
        SnapshotLedger ledger = new SnapshotLedger("snapshots");
        ledger.entries().load(1, Map.of("login", new SnapshotMark("login", T1, "req-1", "POLL", T2, null)));
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotVerdict.DUPLICATE);
        assertThat(judge(ledger, 2, "login", T1, "x")).isEqualTo(SnapshotVerdict.NEW);
        ledger.entries().drop(1);
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotVerdict.NEW);
        assertThat(ledger.size()).isZero();
    }
}
