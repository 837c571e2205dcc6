package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * An Attributes 200. Attribute values are numbers, strings or objects depending on the attribute, so
 * {@link #card()} is kept as a JSON tree in document order, numbers as {@link java.math.BigDecimal}
 * (or integral nodes), exactly as sent.
 *
 * @param card              {@code {"Id": loginId, "<AttributeName>": value, ...}}; never null (empty object)
 * @param attributesDetails the underlying transactions per attribute ({@code AttributesDetails} or
 *                          {@code AttributeDetails}); null when not requested
 */
public record AttributesResponse(
        Integer httpStatusCode,
        String requestId,
        Login login,
        JsonNode card,
        @JsonAlias({"AttributeDetails", "AttributesDetail"}) JsonNode attributesDetails,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public AttributesResponse {
        if (card == null || card.isNull()) {
            card = JsonNodeFactory.instance.objectNode();
        }
        if (attributesDetails != null && attributesDetails.isNull()) {
            attributesDetails = null;
        }
        extra = Extras.copy(extra);
    }

    @Override
    public String toString() {
        return "AttributesResponse[requestId=" + requestId + ", loginId=" + (login == null ? null : login.id())
                + ", attributes=" + card.size() + "]";
    }

    /** One attribute's value, or null when absent. */
    public JsonNode attribute(String name) {
        return card.get(name);
    }
}
