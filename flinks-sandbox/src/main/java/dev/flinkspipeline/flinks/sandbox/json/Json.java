package dev.flinkspipeline.flinks.sandbox.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one Jackson setup of the sandbox: money stays {@link java.math.BigDecimal} end to end (exact decimals
 * in, exact decimals out, never through double), and request property names are looked up
 * case-insensitively because Flinks binds them that way.
 */
public final class Json {

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(NODES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a request body; throws {@link IllegalArgumentException} with a readable reason when it is not JSON. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return NODES.objectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? NODES.objectNode() : node;
        } catch (IOException e) {
            throw new IllegalArgumentException("Malformed JSON body");
        }
    }

    /** Field of an object whatever the casing of its name ("RequestId", "requestId", "requestid"). */
    public static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public static String text(JsonNode object, String name) {
        JsonNode v = field(object, name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return v.asText();
    }

    /** Boolean field; accepts true/false and "true"/"false"; missing or null gives the default. */
    public static boolean bool(JsonNode object, String name, boolean dflt) {
        JsonNode v = field(object, name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && ("true".equalsIgnoreCase(v.asText()) || "false".equalsIgnoreCase(v.asText()))) {
            return Boolean.parseBoolean(v.asText());
        }
        throw new IllegalArgumentException(name + " must be a boolean");
    }

    /** A list of strings; a single string is accepted as a one-element list. */
    public static List<String> strings(JsonNode object, String name) {
        JsonNode v = field(object, name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            out.add(v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException(name + " must be an array of strings");
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException(name + " must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
