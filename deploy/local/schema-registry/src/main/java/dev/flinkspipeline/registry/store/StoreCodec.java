package dev.flinkspipeline.registry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.registry.core.CompatibilityLevel;
import dev.flinkspipeline.registry.core.StoreRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Key/value JSON of the {@code _schemas} topic, in the layout Confluent Schema Registry uses (keytype SCHEMA and
 * CONFIG), so the topic reads familiarly and records written by either side are understood.
 */
public final class StoreCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoreCodec() {
    }

    public static byte[] key(StoreRecord record) {
        ObjectNode key = JSON.createObjectNode();
        if (record instanceof StoreRecord.SchemaVersion schema) {
            key.put("keytype", "SCHEMA").put("subject", schema.subject()).put("version", schema.version()).put("magic", 1);
        } else if (record instanceof StoreRecord.Config config) {
            key.put("keytype", "CONFIG").put("subject", config.subject()).put("magic", 0);
        }
        return bytes(key);
    }

    /** The record's value; {@code null} (a tombstone) for a removed subject-level config. */
    public static byte[] value(StoreRecord record) {
        if (record instanceof StoreRecord.SchemaVersion schema) {
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", schema.subject())
                    .put("version", schema.version())
                    .put("id", schema.id())
                    .put("schema", schema.schema())
                    .put("deleted", schema.deleted());
            return bytes(value);
        }
        StoreRecord.Config config = (StoreRecord.Config) record;
        return config.level() == null ? null : bytes(JSON.createObjectNode().put("compatibilityLevel", config.level().name()));
    }

    /**
     * Decodes one topic record. Empty for record kinds this registry does not use (NOOP, MODE, ...) and for
     * non-Avro schemas; throws {@link IllegalArgumentException} for records that cannot be understood.
     */
    public static Optional<StoreRecord> decode(byte[] keyBytes, byte[] valueBytes) {
        JsonNode key = tree(keyBytes);
        String keytype = key.path("keytype").asText("");
        switch (keytype) {
            case "SCHEMA" -> {
                String subject = requiredText(key, "subject");
                int version = key.path("version").asInt(0);
                if (valueBytes == null) {
                    return Optional.of(new StoreRecord.SchemaVersion(subject, version, -1, null, true));
                }
                JsonNode value = tree(valueBytes);
                String type = value.path("schemaType").asText("AVRO");
                if (!"AVRO".equals(type.toUpperCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                return Optional.of(new StoreRecord.SchemaVersion(
                        subject, value.path("version").asInt(version), value.path("id").asInt(-1),
                        requiredText(value, "schema"), value.path("deleted").asBoolean(false)));
            }
            case "CONFIG" -> {
                JsonNode subjectNode = key.get("subject");
                String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
                if (valueBytes == null) {
                    return Optional.of(new StoreRecord.Config(subject, null));
                }
                String level = tree(valueBytes).path("compatibilityLevel").asText(null);
                return Optional.of(new StoreRecord.Config(subject, CompatibilityLevel.parse(level)
                        .orElseThrow(() -> new IllegalArgumentException("unknown compatibilityLevel " + level))));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return value.asText();
    }

    private static JsonNode tree(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("missing key");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
