package dev.flinkspipeline.tools.viewer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro records (generic or specific) as JSON for people: money stays exact (a JSON number with its scale),
 * dates and instants are ISO-8601 strings, bytes are Base64. Avro's own {@code toString} is not valid JSON
 * once logical types are decoded, hence this small walker.
 */
public final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private EventJson() {}

    public static JsonNode toTree(Object datum) {
        if (datum == null) {
            return NODES.nullNode();
        }
        if (datum instanceof IndexedRecord record) {
            ObjectNode node = NODES.objectNode();
            for (Schema.Field field : record.getSchema().getFields()) {
                node.set(field.name(), toTree(record.get(field.pos())));
            }
            return node;
        }
        if (datum instanceof Collection<?> items) {
            ArrayNode array = NODES.arrayNode();
            items.forEach(item -> array.add(toTree(item)));
            return array;
        }
        if (datum instanceof Map<?, ?> map) {
            ObjectNode node = NODES.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toTree(v)));
            return node;
        }
        if (datum instanceof BigDecimal decimal) {
            return NODES.numberNode(decimal);
        }
        if (datum instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (datum instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (datum instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (datum instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (datum instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (datum instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (datum instanceof GenericFixed fixed) {
            return NODES.textNode(Base64.getEncoder().encodeToString(fixed.bytes()));
        }
        if (datum instanceof GenericEnumSymbol<?> || datum instanceof Enum<?> || datum instanceof GenericContainer) {
            return NODES.textNode(datum.toString());
        }
        // CharSequence (Utf8, String), Instant, LocalDate, UUID...: their ISO/text form.
        return NODES.textNode(datum.toString());
    }

    public static String pretty(Object datum) {
        return write(MAPPER, toTree(datum));
    }

    public static String compact(Object datum) {
        return write(COMPACT, toTree(datum));
    }

    /** A value that is not Avro (raw webhook bodies): JSON as is when it parses, else the text. */
    public static String raw(byte[] bytes, boolean compact) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            JsonNode tree = COMPACT.readTree(text);
            return write(compact ? COMPACT : MAPPER, tree);
        } catch (Exception e) {
            return text;
        }
    }

    private static String write(ObjectMapper mapper, JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
