package dev.flinkspipeline.streams.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What the application remembers of a transaction it wrote: its content fingerprint and revision, the snapshot the
 * written content came from, and when (record time) it was last seen in any snapshot, for expiry. Stored as text:
 * {@code v1|<lastSeenMs>|<revision>|<snapshotAt>|<fingerprint>}.
 */
public record SeenTransaction(String fingerprint, int revision, Instant snapshotAt, long lastSeenMs) {

    private static final String VERSION = "v1";

    public SeenTransaction {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(snapshotAt, "snapshotAt");
    }

    public SeenTransaction seenAgain(long atMs) {
        return new SeenTransaction(fingerprint, revision, snapshotAt, Math.max(lastSeenMs, atMs));
    }

    public String encode() {
        return VERSION + '|' + lastSeenMs + '|' + revision + '|' + snapshotAt + '|' + fingerprint;
    }

    public static SeenTransaction decode(String text) {
        String[] parts = text.split("\\|", 5);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a stored transaction mark: " + text);
        }
        return new SeenTransaction(
                parts[4], Integer.parseInt(parts[2]), Instant.parse(parts[3]), Long.parseLong(parts[1]));
    }

    /** The record time of the last sighting, whatever the mark's kind: the first field after the version. */
    public static long lastSeenMs(String encodedMark) {
        int first = encodedMark.indexOf('|');
        int second = encodedMark.indexOf('|', first + 1);
        return Long.parseLong(encodedMark.substring(first + 1, second));
    }
}
