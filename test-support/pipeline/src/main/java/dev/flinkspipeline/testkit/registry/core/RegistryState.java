package dev.flinkspipeline.testkit.registry.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * The registry's in-memory view, derived only from {@link StoreRecord}s: subjects and their versions, global
 * schema ids, compatibility settings. Not thread-safe; {@link SchemaRegistryService} guards it.
 */
public final class RegistryState {

    private final CompatibilityLevel defaultLevel;
    private final NavigableMap<String, NavigableMap<Integer, StoreRecord.SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, Schema> parsedById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    /** Highest version ever used per subject: numbering continues after soft-deleted versions, as in Confluent. */
    private final Map<String, Integer> maxVersions = new HashMap<>();

    private CompatibilityLevel globalLevel;
    private int maxId;

    public RegistryState(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
        this.globalLevel = defaultLevel;
    }

    public static RegistryState replay(Iterable<StoreRecord> records, CompatibilityLevel defaultLevel) {
        RegistryState state = new RegistryState(defaultLevel);
        for (StoreRecord record : records) {
            state.apply(record);
        }
        return state;
    }

    public void apply(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion version) {
            applySchema(version);
        } else if (record instanceof StoreRecord.Config config) {
            applyConfig(config);
        }
    }

    private void applySchema(StoreRecord.SchemaVersion record) {
        // Ids stay resolvable even when a version is soft-deleted: data written with them still exists.
        // (A hard-delete tombstone carries no schema and no id.)
        if (record.schema() != null && record.id() > 0) {
            schemasById.putIfAbsent(record.id(), record.schema());
            idsBySchema.putIfAbsent(record.schema(), record.id());
            maxId = Math.max(maxId, record.id());
        }
        maxVersions.merge(record.subject(), record.version(), Math::max);
        NavigableMap<Integer, StoreRecord.SchemaVersion> versions =
                subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>());
        if (record.deleted()) {
            versions.remove(record.version());
            if (versions.isEmpty()) {
                subjects.remove(record.subject());
            }
        } else {
            versions.put(record.version(), record);
        }
    }

    private void applyConfig(StoreRecord.Config config) {
        if (config.subject() == null) {
            globalLevel = config.level() == null ? defaultLevel : config.level();
        } else if (config.level() == null) {
            subjectLevels.remove(config.subject());
        } else {
            subjectLevels.put(config.subject(), config.level());
        }
    }

    public List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    public boolean hasSubject(String subject) {
        return subjects.containsKey(subject);
    }

    /** Versions of a subject, oldest first; empty when the subject is unknown. */
    public List<StoreRecord.SchemaVersion> versions(String subject) {
        NavigableMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    public Optional<StoreRecord.SchemaVersion> version(String subject, int version) {
        NavigableMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    public Optional<StoreRecord.SchemaVersion> latest(String subject) {
        NavigableMap<Integer, StoreRecord.SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    /** The version under which this exact (canonical) schema is registered in the subject, if any. */
    public Optional<StoreRecord.SchemaVersion> find(String subject, String canonicalSchema) {
        return versions(subject).stream()
                .filter(v -> v.schema().equals(canonicalSchema))
                .findFirst();
    }

    public Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    public Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    /** Subject/version pairs that use schema {@code id}. */
    public List<StoreRecord.SchemaVersion> usages(int id) {
        List<StoreRecord.SchemaVersion> usages = new ArrayList<>();
        subjects.values()
                .forEach(versions ->
                        versions.values().stream().filter(v -> v.id() == id).forEach(usages::add));
        return usages;
    }

    /** Parsed form of a registered schema, cached because compatibility checks need it repeatedly. */
    public Schema parsed(StoreRecord.SchemaVersion version) {
        return parsedById.computeIfAbsent(version.id(), id -> AvroSchemas.parse(version.schema()));
    }

    public int nextId() {
        return maxId + 1;
    }

    public int nextVersion(String subject) {
        return maxVersions.getOrDefault(subject, 0) + 1;
    }

    public CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel);
    }
}
