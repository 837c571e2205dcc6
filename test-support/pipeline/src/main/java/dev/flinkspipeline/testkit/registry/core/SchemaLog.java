package dev.flinkspipeline.testkit.registry.core;

import java.util.List;

/** The ordered log the registry's state is derived from ({@link MemorySchemaLog}). */
public interface SchemaLog extends AutoCloseable {

    /**
     * Appends a record and returns only once it is durable. Throws {@link RegistryException} (5000x) when the
     * outcome is unknown or failed; the record may or may not have been written.
     */
    void append(StoreRecord record);

    /** Reads every record from the start of the log up to its current end. */
    List<StoreRecord> readAll();

    @Override
    void close();
}
