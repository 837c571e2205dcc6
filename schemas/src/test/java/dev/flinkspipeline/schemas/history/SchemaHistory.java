package dev.flinkspipeline.schemas.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The published versions of each event schema, kept as {@code <root>/<Event>/v<N>.avsc} (self-contained,
 * as a schema registry stores them), and the BACKWARD_TRANSITIVE rule: the current schema, as reader,
 * must read data written with every kept version.
 */
public final class SchemaHistory {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

    private final Path root;

    public SchemaHistory(Path root) {
        this.root = root;
    }

    /** One kept version. */
    public record Version(int number, Path file, Schema schema) {}

    /** The kept versions of {@code eventName}, oldest first; empty when none was recorded. */
    public List<Version> versions(String eventName) {
        Path dir = root.resolve(eventName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    // a fresh parser per file: each version must stand alone, as in a registry
                    Schema schema = new Schema.Parser().parse(Files.readString(file, StandardCharsets.UTF_8));
                    versions.add(new Version(Integer.parseInt(m.group(1)), file, schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        versions.sort(Comparator.comparingInt(Version::number));
        return versions;
    }

    /**
     * Why {@code current} cannot read data written with some kept version: one line per incompatibility,
     * empty when it is BACKWARD_TRANSITIVE compatible with all of them.
     */
    public static List<String> backwardTransitiveProblems(Schema current, List<Version> versions) {
        List<String> problems = new ArrayList<>();
        for (Version version : versions) {
            SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(current, version.schema());
            if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
                for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                    problems.add(current.getName() + " cannot read v" + version.number() + ": "
                            + incompatibility.getType() + " at " + incompatibility.getLocation()
                            + topLevelField(current, incompatibility.getLocation()) + " ("
                            + incompatibility.getMessage() + ")");
                }
            }
        }
        return problems;
    }

    /** " (field x)" when the location points into a top-level field, to make the message readable. */
    private static String topLevelField(Schema current, String location) {
        Matcher m = Pattern.compile("^/fields/(\\d+)").matcher(location);
        if (m.find() && current.getType() == Schema.Type.RECORD) {
            int pos = Integer.parseInt(m.group(1));
            if (pos < current.getFields().size()) {
                return " (field " + current.getFields().get(pos).name() + ")";
            }
        }
        return "";
    }

    /** Writes {@code current} as the next version of {@code eventName} and returns the file. */
    public Path record(String eventName, Schema current) {
        List<Version> versions = versions(eventName);
        int next = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).number() + 1;
        Path file = root.resolve(eventName).resolve("v" + next + ".avsc");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
