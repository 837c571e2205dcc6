package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.AccountsReady;
import java.time.Instant;
import java.util.Objects;

/**
 * Which data snapshot of a login an AccountsReady is, and where it stands in time: Flinks' {@code Login.LastRefresh}
 * when sent (the time of the data), else our {@code receivedAt}.
 *
 * @param eventId the AccountsReady's eventId: one per snapshot, whatever channel delivered it
 * @param at      the snapshot's time, by which snapshots of a login are ordered
 */
public record SnapshotPoint(String eventId, Instant at) {

    public SnapshotPoint {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(at, "at");
    }

    public static SnapshotPoint of(AccountsReady snapshot) {
        Instant lastRefresh =
                snapshot.getLogin() == null ? null : snapshot.getLogin().getLastRefresh();
        return new SnapshotPoint(snapshot.getEventId(), lastRefresh != null ? lastRefresh : snapshot.getReceivedAt());
    }

    /** True when this snapshot may replace one taken at {@code earlier}: not the same one, and not older. */
    public boolean supersedes(String otherEventId, Instant otherAt) {
        return !eventId.equals(otherEventId) && !at.isBefore(otherAt);
    }
}
