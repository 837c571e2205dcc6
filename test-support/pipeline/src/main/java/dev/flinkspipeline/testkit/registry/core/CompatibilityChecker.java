package dev.flinkspipeline.testkit.registry.core;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Applies a {@link CompatibilityLevel} with Avro's own reader/writer compatibility rules. */
public final class CompatibilityChecker {

    private CompatibilityChecker() {}

    /**
     * Checks {@code candidate} against earlier versions (oldest first) as {@code level} demands: the latest one,
     * or all of them when transitive. Returns human-readable problems; empty means compatible.
     */
    public static List<String> check(Schema candidate, List<Versioned> earlierOldestFirst, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || earlierOldestFirst.isEmpty()) {
            return List.of();
        }
        List<Versioned> toCheck =
                level.transitive ? earlierOldestFirst : List.of(earlierOldestFirst.get(earlierOldestFirst.size() - 1));
        List<String> problems = new ArrayList<>();
        for (Versioned earlier : toCheck) {
            problems.addAll(checkPair(candidate, earlier, level));
        }
        return problems;
    }

    /** Checks {@code candidate} against exactly one earlier version in the direction(s) of {@code level}. */
    public static List<String> checkPair(Schema candidate, Versioned earlier, CompatibilityLevel level) {
        List<String> problems = new ArrayList<>();
        if (level.newReadsOld) {
            problems.addAll(describe(
                    candidate,
                    earlier.schema(),
                    "new schema cannot read data written with version " + earlier.version()));
        }
        if (level.oldReadsNew) {
            problems.addAll(describe(
                    earlier.schema(),
                    candidate,
                    "version " + earlier.version() + " cannot read data written with the new schema"));
        }
        if (!problems.isEmpty()) {
            problems.add("{oldSchemaVersion: " + earlier.version() + "}");
            problems.add("{compatibility: '" + level + "'}");
        }
        return problems;
    }

    private static List<String> describe(Schema reader, Schema writer, String direction) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        List<String> messages = new ArrayList<>();
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'" + direction + ": "
                    + incompatibility.getMessage() + "', location:'" + incompatibility.getLocation() + "'}");
        }
        if (messages.isEmpty()) {
            messages.add("{description:'" + direction + "'}");
        }
        return messages;
    }

    /** An earlier schema and its version number within the subject. */
    public record Versioned(int version, Schema schema) {}
}
