package dev.flinkspipeline.attributes.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributeValue;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flinks' {@code Card} object to the {@code AttributesReady.attributes} map, without loss: numbers keep
 * their exact decimal text (Flinks JSON is parsed with BigDecimal, trailing zeros kept), strings and
 * booleans stay as they are, objects and arrays are kept as their raw JSON text.
 */
public final class AttributeValues {

    /** The Card field that is the loginId, not an attribute. */
    public static final String CARD_ID = "Id";

    private AttributeValues() {}

    /** Every field of {@code card} except {@code Id}, in document order. */
    public static Map<String, AttributeValue> fromCard(JsonNode card) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (card == null || !card.isObject()) {
            return values;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = card.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!CARD_ID.equals(field.getKey())) {
                values.put(field.getKey(), of(field.getValue()));
            }
        }
        return values;
    }

    /** One JSON value as an AttributeValue. */
    public static AttributeValue of(JsonNode node) {
        AttributeValue.Builder value = AttributeValue.newBuilder()
                .setNumber(null)
                .setText(null)
                .setBool(null)
                .setJson(null);
        if (node == null || node.isNull() || node.isMissingNode()) {
            return value.setKind(AttributeKind.NULL).build();
        }
        if (node.isNumber()) {
            // DecimalNode/IntNode/LongNode/BigIntegerNode: asText() is the exact value (BigDecimal keeps
            // the scale Flinks sent, e.g. 1234.50).
            return value.setKind(AttributeKind.NUMBER)
                    .setNumber(node.isBigDecimal() ? node.decimalValue().toString() : node.asText())
                    .build();
        }
        if (node.isTextual()) {
            return value.setKind(AttributeKind.STRING).setText(node.textValue()).build();
        }
        if (node.isBoolean()) {
            return value.setKind(AttributeKind.BOOLEAN)
                    .setBool(node.booleanValue())
                    .build();
        }
        if (node.isArray()) {
            return value.setKind(AttributeKind.ARRAY).setJson(node.toString()).build();
        }
        // Objects, and anything exotic (binary, POJO nodes) as its JSON text.
        return value.setKind(AttributeKind.OBJECT).setJson(node.toString()).build();
    }
}
