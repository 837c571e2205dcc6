package dev.flinkspipeline.testkit.registry.core;

import java.util.ArrayList;
import java.util.List;

/** The registry's log kept in memory: a test registry lives as long as its test, no longer. */
public final class MemorySchemaLog implements SchemaLog {

    private final List<StoreRecord> records = new ArrayList<>();

    @Override
    public synchronized void append(StoreRecord record) {
        records.add(record);
    }

    @Override
    public synchronized List<StoreRecord> readAll() {
        return List.copyOf(records);
    }

    @Override
    public void close() {}
}
