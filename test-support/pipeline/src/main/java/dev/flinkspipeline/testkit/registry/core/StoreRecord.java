package dev.flinkspipeline.testkit.registry.core;

/**
 * One entry of the registry's log. Replaying all entries in order rebuilds the registry; a later entry with the
 * same {@link #key()} replaces an earlier one.
 */
public sealed interface StoreRecord {

    /** Identity under compaction. */
    String key();

    /** A schema registered under a subject as a version; {@code deleted} marks a soft-deleted version. */
    record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) implements StoreRecord {
        @Override
        public String key() {
            return "SCHEMA/" + subject + "/" + version;
        }
    }

    /**
     * A compatibility setting: {@code subject == null} is the global one; {@code level == null} removes a
     * subject-level setting (a tombstone in the topic).
     */
    record Config(String subject, CompatibilityLevel level) implements StoreRecord {
        @Override
        public String key() {
            return "CONFIG/" + (subject == null ? "" : subject);
        }
    }
}
