package dev.flinkspipeline.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.EventTypes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's schema-evolution gate: every event's current schema must be BACKWARD_TRANSITIVE
 * compatible with each version kept in {@code src/main/avro-history}, and the newest kept version must
 * be the current schema (so every published change is recorded).
 *
 * <p>After a compatible change, record it with
 * {@code ./mvnw -B -q test -pl schemas -Dtest=SchemaHistoryTest -Dschemas.history.record=true}.
 */
class SchemaHistoryTest {

    private static final Path HISTORY = Path.of("src/main/avro-history");
    private static final String RECORD_HINT = " (after a compatible change, record it: ./mvnw -B -q test -pl schemas"
            + " -Dtest=SchemaHistoryTest -Dschemas.history.record=true)";

    @Test
    void everyEventIsBackwardTransitiveCompatibleWithEveryKeptVersion() {
        SchemaHistory history = new SchemaHistory(HISTORY);
        boolean record = Boolean.getBoolean("schemas.history.record");
        List<String> problems = new ArrayList<>();
        for (Class<?> type : EventTypes.DEFAULT_TOPICS.keySet()) {
            Schema current = SpecificData.get().getSchema(type);
            List<SchemaHistory.Version> versions = history.versions(current.getName());
            problems.addAll(SchemaHistory.backwardTransitiveProblems(current, versions));
            boolean latestIsCurrent = !versions.isEmpty()
                    && versions.get(versions.size() - 1).schema().equals(current);
            if (!latestIsCurrent) {
                if (record && problems.isEmpty()) {
                    history.record(current.getName(), current);
                } else {
                    problems.add(current.getName() + ": current schema is not the newest kept version" + RECORD_HINT);
                }
            }
        }
        assertThat(problems).as("schema evolution problems").isEmpty();
    }

    @Test
    void theCheckRejectsANewRequiredFieldWithoutDefault(@TempDir Path dir) throws Exception {
        List<SchemaHistory.Version> v1 = keepCurrentAccountsReadyAsV1(dir);
        Schema changed = changeAccountsReady(
                fields -> fields.addObject().put("name", "riskScore").put("type", "int"));
        assertThat(SchemaHistory.backwardTransitiveProblems(changed, v1))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("riskScore");
    }

    @Test
    void theCheckRejectsATypeChange(@TempDir Path dir) throws Exception {
        List<SchemaHistory.Version> v1 = keepCurrentAccountsReadyAsV1(dir);
        Schema changed = changeAccountsReady(fields -> {
            for (var field : fields) {
                if (field.get("name").asText().equals("requestId")) {
                    ((ObjectNode) field).put("type", "long");
                }
            }
        });
        assertThat(SchemaHistory.backwardTransitiveProblems(changed, v1))
                .singleElement()
                .asString()
                .contains("TYPE_MISMATCH")
                .contains("requestId");
    }

    @Test
    void theCheckAcceptsANewOptionalFieldWithDefault(@TempDir Path dir) throws Exception {
        List<SchemaHistory.Version> v1 = keepCurrentAccountsReadyAsV1(dir);
        Schema changed = changeAccountsReady(fields -> {
            ObjectNode field = fields.addObject().put("name", "riskScore");
            field.putArray("type").add("null").add("int");
            field.putNull("default");
        });
        assertThat(SchemaHistory.backwardTransitiveProblems(changed, v1)).isEmpty();
    }

    private static List<SchemaHistory.Version> keepCurrentAccountsReadyAsV1(Path dir) {
        SchemaHistory history = new SchemaHistory(dir);
        history.record("AccountsReady", AccountsReady.getClassSchema());
        List<SchemaHistory.Version> versions = history.versions("AccountsReady");
        assertThat(versions).extracting(SchemaHistory.Version::number).containsExactly(1);
        return versions;
    }

    private static Schema changeAccountsReady(Consumer<ArrayNode> change) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode schema =
                (ObjectNode) json.readTree(AccountsReady.getClassSchema().toString());
        change.accept((ArrayNode) schema.get("fields"));
        return new Schema.Parser().parse(json.writeValueAsString(schema));
    }
}
