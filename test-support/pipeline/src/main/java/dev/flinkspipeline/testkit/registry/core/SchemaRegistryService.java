package dev.flinkspipeline.testkit.registry.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The registry's operations, in Confluent Schema Registry's terms.
 *
 * <p>Single writer: this process is the only one appending to the log, so ids and versions are assigned from
 * memory under a write lock, the record is appended (and acknowledged by the log) and only then applied to
 * memory and answered. If an append fails, whether it landed is unknown: the state is rebuilt from
 * the log before the next write, so an id is never handed out twice.
 */
public final class SchemaRegistryService {

    private final SchemaLog log;
    private final CompatibilityLevel defaultLevel;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private RegistryState state;
    private boolean stale;

    public SchemaRegistryService(SchemaLog log, CompatibilityLevel defaultLevel) {
        this.log = log;
        this.defaultLevel = defaultLevel;
        this.state = RegistryState.replay(log.readAll(), defaultLevel);
    }

    /** Registers a schema under a subject (idempotent) and returns its global id. */
    public int register(String subject, SchemaRequest request) {
        requireSubjectName(subject);
        Schema schema = parse(request);
        String canonical = AvroSchemas.canonical(schema);
        return write(() -> {
            var existing = state.find(subject, canonical);
            if (existing.isPresent()) {
                return existing.get().id();
            }
            List<CompatibilityChecker.Versioned> earlier = earlierVersions(subject);
            List<String> problems = CompatibilityChecker.check(schema, earlier, state.effectiveLevel(subject));
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
            int id = state.idOf(canonical).orElseGet(state::nextId);
            StoreRecord.SchemaVersion record =
                    new StoreRecord.SchemaVersion(subject, state.nextVersion(subject), id, canonical, false);
            append(record);
            return id;
        });
    }

    /** Finds the version under which this schema is registered in the subject. */
    public StoreRecord.SchemaVersion lookup(String subject, SchemaRequest request) {
        Schema schema = parse(request);
        String canonical = AvroSchemas.canonical(schema);
        return read(() -> {
            requireSubject(subject);
            return state.find(subject, canonical).orElseThrow(() -> RegistryException.schemaNotInSubject(subject));
        });
    }

    public String schemaById(int id) {
        return read(() -> state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id)));
    }

    /** Subject/version pairs using schema {@code id}; 40403 when the id is unknown. */
    public List<StoreRecord.SchemaVersion> usagesOf(int id) {
        return read(() -> {
            state.schemaById(id).orElseThrow(() -> RegistryException.schemaNotFound(id));
            return state.usages(id);
        });
    }

    public List<String> subjects() {
        return read(state::subjects);
    }

    public List<Integer> versions(String subject) {
        return read(() -> {
            requireSubject(subject);
            return state.versions(subject).stream()
                    .map(StoreRecord.SchemaVersion::version)
                    .toList();
        });
    }

    /** A version of a subject; {@code versionSpec} is a number, {@code latest} or {@code -1}. */
    public StoreRecord.SchemaVersion version(String subject, String versionSpec) {
        int requested = parseVersion(versionSpec);
        return read(() -> resolve(subject, requested));
    }

    /**
     * Tests a schema against one version of a subject ({@code versionSpec} non-null) in the direction(s) of the
     * subject's level, or against the versions a registration would be checked against ({@code versionSpec} null).
     * Returns the problems found; empty means compatible.
     */
    public List<String> testCompatibility(String subject, String versionSpec, SchemaRequest request) {
        Integer requested = versionSpec == null ? null : parseVersion(versionSpec);
        Schema schema = parse(request);
        return read(() -> {
            CompatibilityLevel level = state.effectiveLevel(subject);
            if (requested == null) {
                return CompatibilityChecker.check(schema, earlierVersions(subject), level);
            }
            StoreRecord.SchemaVersion version = resolve(subject, requested);
            return CompatibilityChecker.checkPair(
                    schema, new CompatibilityChecker.Versioned(version.version(), state.parsed(version)), level);
        });
    }

    public CompatibilityLevel globalLevel() {
        return read(state::globalLevel);
    }

    public CompatibilityLevel setGlobalLevel(String level) {
        CompatibilityLevel parsed = parseLevel(level);
        return write(() -> {
            if (state.globalLevel() != parsed) {
                append(new StoreRecord.Config(null, parsed));
            }
            return parsed;
        });
    }

    /** The subject's own level; with {@code defaultToGlobal} the global one when the subject has none. */
    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return read(() -> state.subjectLevel(subject)
                .or(() -> defaultToGlobal ? Optional.of(state.globalLevel()) : Optional.empty())
                .orElseThrow(() -> RegistryException.subjectConfigNotFound(subject)));
    }

    public CompatibilityLevel setSubjectLevel(String subject, String level) {
        requireSubjectName(subject);
        CompatibilityLevel parsed = parseLevel(level);
        return write(() -> {
            if (state.subjectLevel(subject).orElse(null) != parsed) {
                append(new StoreRecord.Config(subject, parsed));
            }
            return parsed;
        });
    }

    /** Removes the subject's own level (it falls back to the global one) and returns the removed level. */
    public CompatibilityLevel deleteSubjectLevel(String subject) {
        return write(() -> {
            CompatibilityLevel previous =
                    state.subjectLevel(subject).orElseThrow(() -> RegistryException.subjectConfigNotFound(subject));
            append(new StoreRecord.Config(subject, null));
            return previous;
        });
    }

    /** False after a failed write until the state has been rebuilt from the log. */
    public boolean healthy() {
        return read(() -> !stale);
    }

    public int schemaCount() {
        return read(() -> state.nextId() - 1);
    }

    private void append(StoreRecord record) {
        try {
            log.append(record);
        } catch (RuntimeException e) {
            stale = true;
            throw e;
        }
        state.apply(record);
    }

    private <T> T write(Supplier<T> operation) {
        lock.writeLock().lock();
        try {
            if (stale) {
                // The last append's outcome is unknown: rebuild from the log so ids stay unique.
                state = RegistryState.replay(log.readAll(), defaultLevel);
                stale = false;
            }
            return operation.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Supplier<T> operation) {
        lock.readLock().lock();
        try {
            return operation.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<CompatibilityChecker.Versioned> earlierVersions(String subject) {
        return state.versions(subject).stream()
                .map(v -> new CompatibilityChecker.Versioned(v.version(), state.parsed(v)))
                .toList();
    }

    private StoreRecord.SchemaVersion resolve(String subject, int requested) {
        requireSubject(subject);
        if (requested == -1) {
            return state.latest(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
        }
        return state.version(subject, requested)
                .orElseThrow(() -> RegistryException.versionNotFound(subject, requested));
    }

    private void requireSubject(String subject) {
        if (!state.hasSubject(subject)) {
            throw RegistryException.subjectNotFound(subject);
        }
    }

    private static void requireSubjectName(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.badRequest("Invalid subject name");
        }
    }

    private static Schema parse(SchemaRequest request) {
        request.requireSupported();
        return AvroSchemas.parse(request.schema());
    }

    /** Parses a version path segment: {@code latest}/{@code -1} become -1, else a positive int. */
    static int parseVersion(String spec) {
        if (spec == null) {
            throw RegistryException.invalidVersion("null");
        }
        if ("latest".equalsIgnoreCase(spec.trim()) || "-1".equals(spec.trim())) {
            return -1;
        }
        try {
            int version = Integer.parseInt(spec.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryException.invalidVersion(spec);
    }

    private static CompatibilityLevel parseLevel(String level) {
        return CompatibilityLevel.parse(level).orElseThrow(() -> RegistryException.invalidCompatibilityLevel(level));
    }
}
