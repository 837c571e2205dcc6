package dev.flinkspipeline.attributes.job;

import java.util.Locale;

/** What an arriving AccountsReady is, compared with the login's latest accepted snapshot. */
public enum SnapshotVerdict {
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
