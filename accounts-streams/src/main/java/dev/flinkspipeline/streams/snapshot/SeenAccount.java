package dev.flinkspipeline.streams.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What the application remembers of an account: the snapshot its latest state came from, and when (record time)
 * the account was last seen, for expiry. Stored as text: {@code v1|<lastSeenMs>|<snapshotAt>|<snapshotEventId>}.
 */
public record SeenAccount(String snapshotEventId, Instant snapshotAt, long lastSeenMs) {

    private static final String VERSION = "v1";

    public SeenAccount {
        Objects.requireNonNull(snapshotEventId, "snapshotEventId");
        Objects.requireNonNull(snapshotAt, "snapshotAt");
    }

    public String encode() {
        return VERSION + '|' + lastSeenMs + '|' + snapshotAt + '|' + snapshotEventId;
    }

    public static SeenAccount decode(String text) {
        String[] parts = text.split("\\|", 4);
        if (parts.length != 4 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a stored account mark: " + text);
        }
        return new SeenAccount(parts[3], Instant.parse(parts[2]), Long.parseLong(parts[1]));
    }
}
