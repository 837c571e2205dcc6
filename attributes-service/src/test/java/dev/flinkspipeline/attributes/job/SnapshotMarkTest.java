package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotMarkTest {

    private static final Instant T1 = Instant.parse("2026-03-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-03-01T11:00:00Z");

    private static SnapshotMark.Verdict judge(
            IdempotencyLedger<SnapshotMark> ledger,
            int partition,
            String loginId,
            Instant lastRefresh,
            String requestId) {
        return SnapshotMark.judge(ledger.processed(partition, loginId), lastRefresh, requestId, null);
    }

    private static void accept(IdempotencyLedger<SnapshotMark> ledger, int partition, SnapshotMark mark) {
        ledger.committed(partition, mark.loginId(), mark);
    }

    @Test
    void sameLastRefreshIsADuplicateWhicheverFlowOrRequestIdBringsIt() {
        IdempotencyLedger<SnapshotMark> ledger = SnapshotMark.ledger("snapshots");
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotMark.Verdict.NEW);
        accept(ledger, 0, new SnapshotMark("login", T1, "req-poll", "POLL", T2, null));
        assertThat(judge(ledger, 0, "login", T1, "req-webhook")).isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", T1, "req-poll")).isEqualTo(SnapshotMark.Verdict.DUPLICATE);
    }

    @Test
    void olderSnapshotIsStaleNewerIsNew() {
        IdempotencyLedger<SnapshotMark> ledger = SnapshotMark.ledger("snapshots");
        accept(ledger, 3, new SnapshotMark("login", T2, "req-2", "POLL", T2, null));
        assertThat(judge(ledger, 3, "login", T1, "req-1")).isEqualTo(SnapshotMark.Verdict.STALE);
        assertThat(judge(ledger, 3, "login", T2.plusNanos(100), "req-3")).isEqualTo(SnapshotMark.Verdict.NEW);
        assertThat(judge(ledger, 3, "other", T1, "req-1")).isEqualTo(SnapshotMark.Verdict.NEW);
    }

    @Test
    void withoutLastRefreshTheRequestIdIdentifiesTheSnapshot() {
        IdempotencyLedger<SnapshotMark> ledger = SnapshotMark.ledger("snapshots");
        accept(ledger, 0, new SnapshotMark("login", null, "req-1", "WEBHOOK", T2, null));
        assertThat(judge(ledger, 0, "login", null, "req-1")).isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(judge(ledger, 0, "login", null, "req-2")).isEqualTo(SnapshotMark.Verdict.NEW);
        assertThat(judge(ledger, 0, "login", T1, "req-2")).isEqualTo(SnapshotMark.Verdict.NEW);
    }

    @Test
    void aRedriveIsNewOncePerRedriveIdEvenForASnapshotTakenOn() {
        SnapshotMark taken = new SnapshotMark("login", T1, "req-1", "POLL", T2, null);
        assertThat(SnapshotMark.judge(taken, T1, "req-1", null)).isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(SnapshotMark.judge(taken, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotMark.Verdict.NEW);
        assertThat(SnapshotMark.judge(null, T1, "req-1", "failed-1@t")).isEqualTo(SnapshotMark.Verdict.NEW);

        SnapshotMark redriven = new SnapshotMark("login", T1, "req-1", "POLL", T2, "failed-1@t");
        assertThat(SnapshotMark.judge(redriven, T1, "req-1", "failed-1@t"))
                .as("the same re-drive delivered again")
                .isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(SnapshotMark.judge(redriven, T1, "req-1", "failed-1@later"))
                .as("a re-drive of a later failure")
                .isEqualTo(SnapshotMark.Verdict.NEW);
        assertThat(SnapshotMark.judge(redriven, T1, "req-webhook", null))
                .as("the snapshot again without the header")
                .isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(SnapshotMark.judge(redriven, T2, "req-2", null)).isEqualTo(SnapshotMark.Verdict.NEW);
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
        IdempotencyLedger<SnapshotMark> ledger = SnapshotMark.ledger("snapshots");
        ledger.load(1, Map.of("login", new SnapshotMark("login", T1, "req-1", "POLL", T2, null)));
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotMark.Verdict.DUPLICATE);
        assertThat(judge(ledger, 2, "login", T1, "x")).isEqualTo(SnapshotMark.Verdict.NEW);
        ledger.drop(1);
        assertThat(judge(ledger, 1, "login", T1, "x")).isEqualTo(SnapshotMark.Verdict.NEW);
        assertThat(ledger.size()).isZero();
    }
}
