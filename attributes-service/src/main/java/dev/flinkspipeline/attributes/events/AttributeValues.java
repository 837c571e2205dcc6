package dev.flinkspipeline.attributes.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flinks' {@code Card} object to the {@code AttributesReady.attributes} map, without loss: numbers keep
 * their exact decimal text (Flinks JSON is parsed with BigDecimal, trailing zeros kept), strings and
 * booleans stay as they are, objects and arrays are kept as their raw JSON text.
 */
public final class AttributeValues {

    /** The loginId, not an attribute. */
    public static final String CARD_ID = "Id";

    private AttributeValues() {}

    /** Every field of {@code card} except {@code Id}, in document order. */
    public static Map<String, AttributeValue> fromCard(JsonNode card) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        if (card == null || !card.isObject()) {
            return values;
        }
        card.fields().forEachRemaining(field -> {
            if (!CARD_ID.equals(field.getKey())) {
                values.put(field.getKey(), of(field.getValue()));
            }
        });
        return values;
    }

    /** One JSON value as an AttributeValue (the fields other than {@code kind}'s own stay null). */
    public static AttributeValue of(JsonNode node) {
        AttributeValue.Builder value = AttributeValue.newBuilder();
        switch (node == null ? JsonNodeType.NULL : node.getNodeType()) {
            case NULL, MISSING -> value.setKind(AttributeKind.NULL);
            // asText() is the exact value; BigDecimal keeps the scale Flinks sent, e.g. 1234.50.
            case NUMBER ->
                value.setKind(AttributeKind.NUMBER)
                        .setNumber(node.isBigDecimal() ? node.decimalValue().toString() : node.asText());
            case STRING -> value.setKind(AttributeKind.STRING).setText(node.textValue());
            case BOOLEAN -> value.setKind(AttributeKind.BOOLEAN).setBool(node.booleanValue());
            case ARRAY -> value.setKind(AttributeKind.ARRAY).setJson(node.toString());
            // Objects, and anything exotic (binary, POJO nodes) as its JSON text.
            default -> value.setKind(AttributeKind.OBJECT).setJson(node.toString());
        }
        return value.build();
    }
}
