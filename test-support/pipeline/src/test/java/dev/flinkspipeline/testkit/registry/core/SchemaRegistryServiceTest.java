package dev.flinkspipeline.testkit.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The single-writer rules, against an in-memory log that can be made to fail in the ways Kafka can. */
class SchemaRegistryServiceTest {

    private static final String R1 = "{\"type\":\"record\",\"name\":\"R1\",\"fields\":[]}";
    private static final String R2 = "{\"type\":\"record\",\"name\":\"R2\",\"fields\":[]}";
    private static final String R3 = "{\"type\":\"record\",\"name\":\"R3\",\"fields\":[]}";

    @Test
    void aWriteWhoseOutcomeIsUnknownIsReconciledFromTheLogBeforeTheNextWrite() {
        MemoryLog log = new MemoryLog();
        SchemaRegistryService service = new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);
        assertThat(service.register("a", request(R1))).isEqualTo(1);

        // Kafka took the record but the acknowledgement never came back.
        log.failNextAppendAfterWriting = true;
        assertThatThrownBy(() -> service.register("b", request(R2)))
                .isInstanceOf(RegistryException.class)
                .extracting(e -> ((RegistryException) e).errorCode())
                .isEqualTo(50002);
        assertThat(service.healthy()).isFalse();

        // The next write first replays the log: id 2 is taken, so R3 gets 3, and retrying R2 is idempotent.
        assertThat(service.register("c", request(R3))).isEqualTo(3);
        assertThat(service.register("b", request(R2))).isEqualTo(2);
        assertThat(service.versions("b")).containsExactly(1);
        assertThat(service.healthy()).isTrue();
    }

    @Test
    void aFailedWriteLeavesNoTrace() {
        MemoryLog log = new MemoryLog();
        SchemaRegistryService service = new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);
        log.failNextAppend = true;
        assertThatThrownBy(() -> service.register("a", request(R1))).isInstanceOf(RegistryException.class);
        assertThat(service.subjects()).isEmpty();
        assertThat(service.register("a", request(R1))).isEqualTo(1);
    }

    @Test
    void stateIsRebuiltFromTheLog() {
        MemoryLog log = new MemoryLog();
        SchemaRegistryService first = new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);
        first.register("a", request(R1));
        first.register("b", request(R1));
        first.setSubjectLevel("a", "none");
        first.register("a", request(R2));
        first.deleteSubjectLevel("a");
        first.setGlobalLevel("FULL");

        SchemaRegistryService second = new SchemaRegistryService(log, CompatibilityLevel.BACKWARD);
        assertThat(second.subjects()).containsExactly("a", "b");
        assertThat(second.versions("a")).containsExactly(1, 2);
        assertThat(second.version("a", "2").id()).isEqualTo(2);
        assertThat(second.version("b", "latest").id()).isEqualTo(1);
        assertThat(second.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
        assertThatThrownBy(() -> second.subjectLevel("a", false))
                .extracting(e -> ((RegistryException) e).errorCode())
                .isEqualTo(40408);
        assertThat(second.register("c", request(R3))).isEqualTo(3);
    }

    @Test
    void rejectsNonAvroAndReferences() {
        SchemaRegistryService service = new SchemaRegistryService(new MemoryLog(), CompatibilityLevel.BACKWARD);
        assertThatThrownBy(() -> service.register("a", new SchemaRequest(R1, "JSON", 0)))
                .extracting(e -> ((RegistryException) e).errorCode())
                .isEqualTo(42201);
        assertThatThrownBy(() -> service.register("a", new SchemaRequest(R1, null, 1)))
                .extracting(e -> ((RegistryException) e).errorCode())
                .isEqualTo(42201);
        assertThat(service.register("a", new SchemaRequest(R1, "avro", 0))).isEqualTo(1);
    }

    private static SchemaRequest request(String schema) {
        return new SchemaRequest(schema, null, 0);
    }

    /** An in-memory log with Kafka's two failure modes: not written, and written but unacknowledged. */
    private static final class MemoryLog implements SchemaLog {
        final List<StoreRecord> records = new ArrayList<>();
        boolean failNextAppend;
        boolean failNextAppendAfterWriting;

        @Override
        public void append(StoreRecord record) {
            if (failNextAppend) {
                failNextAppend = false;
                throw RegistryException.storeError("broker unavailable", null);
            }
            records.add(record);
            if (failNextAppendAfterWriting) {
                failNextAppendAfterWriting = false;
                throw RegistryException.storeTimeout("no acknowledgement", null);
            }
        }

        @Override
        public List<StoreRecord> readAll() {
            return List.copyOf(records);
        }

        @Override
        public void close() {}
    }
}
