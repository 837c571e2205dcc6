package dev.flinkspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * The openAPIV3Schema of each version of the Strimzi CRDs the build generated from Strimzi's model classes
 * (target/crds, see the pom), as JSON schemas.
 *
 * <p>Stricter than the schema alone in one way: an object that lists its properties refuses others, as the
 * API server does with kubectl's default strict field validation (a misspelt field is an error, not
 * silently pruned).
 */
final class StrimziCrdSchemas {

    static final List<String> KINDS = List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");

    private static StrimziCrdSchemas loaded;

    private final Map<String, JsonSchema> byKindAndVersion = new HashMap<>();

    private StrimziCrdSchemas(Path dir) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (String kind : KINDS) {
            JsonNode crd =
                    RenderedManifests.YAML.readTree(dir.resolve(kind + ".yaml").toFile());
            String group = crd.path("spec").path("group").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                closeObjects(schema);
                byKindAndVersion.put(
                        key(kind, group + "/" + version.path("name").asText()), factory.getSchema(schema));
            }
        }
    }

    /** The generated CRDs; the calling test is skipped, saying why, when the build did not generate them. */
    static synchronized StrimziCrdSchemas load() {
        Path dir = Path.of(System.getProperty("crd.dir", "target/crds"));
        Assumptions.assumeTrue(
                KINDS.stream().allMatch(k -> Files.isRegularFile(dir.resolve(k + ".yaml"))),
                "no Strimzi CRDs in " + dir + ": io.strimzi:crd-generator needs Java 21+; build with Java 21, or add "
                        + "-Dcrd.generator.skip=false -Dcrd.generator.java=/path/to/java21/bin/java");
        try {
            if (loaded == null) {
                loaded = new StrimziCrdSchemas(dir);
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema errors of {@code resource} against its kind's CRD at its apiVersion (sorted, readable). */
    List<String> errors(JsonNode resource) {
        String kind = resource.path("kind").asText();
        String apiVersion = resource.path("apiVersion").asText();
        JsonSchema schema = byKindAndVersion.get(key(kind, apiVersion));
        if (schema == null) {
            return List.of("no CRD version serves " + kind + " " + apiVersion);
        }
        Set<ValidationMessage> messages = schema.validate(resource);
        return messages.stream()
                .map(ValidationMessage::getMessage)
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static String key(String kind, String apiVersion) {
        return kind + " " + apiVersion;
    }

    private static void closeObjects(JsonNode schema) {
        if (schema instanceof ObjectNode o) {
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.elements().forEachRemaining(StrimziCrdSchemas::closeObjects);
        } else if (schema != null && schema.isArray()) {
            schema.elements().forEachRemaining(StrimziCrdSchemas::closeObjects);
        }
    }
}
