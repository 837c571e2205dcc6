package dev.flinkspipeline.streams.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.streams.Snapshots;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarksTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.1234567Z");

    @Test
    void marksSurviveTheirTextForm() {
        SeenAccount account = new SeenAccount("snap|with|bars", AT, 42);
        assertThat(SeenAccount.decode(account.encode())).isEqualTo(account);
        SeenTransaction transaction = new SeenTransaction("abc", 3, AT, 43);
        assertThat(SeenTransaction.decode(transaction.encode())).isEqualTo(transaction);
        assertThat(SeenTransaction.lastSeenMs(account.encode())).isEqualTo(42);
        assertThat(SeenTransaction.lastSeenMs(transaction.encode())).isEqualTo(43);
        assertThatThrownBy(() -> SeenAccount.decode("v9|1|x|y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedSnapshotsAreNamed() {
        AccountsReady twice =
                Snapshots.of("login", AT, List.of(Snapshots.account("a", "1"), Snapshots.account("a", "2")));
        assertThat(SnapshotProblems.of(twice)).hasValue("account Id a appears twice in the snapshot");
        AccountsReady blank = Snapshots.of("login", AT, List.of(Snapshots.account(" ", "1")));
        assertThat(SnapshotProblems.of(blank)).hasValue("account #0 has no Id");
        assertThat(SnapshotProblems.of(Snapshots.of("login", AT, List.of(Snapshots.account("a", "1")))))
                .isEmpty();
    }

    @Test
    void aSnapshotWithoutLastRefreshIsPlacedByItsReceipt() {
        AccountsReady snapshot = Snapshots.of("login", AT, List.of());
        snapshot.getLogin().setLastRefresh(null);
        assertThat(SnapshotPoint.of(snapshot).at()).isEqualTo(snapshot.getReceivedAt());
    }
}
