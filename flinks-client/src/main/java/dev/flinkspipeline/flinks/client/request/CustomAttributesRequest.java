package dev.flinkspipeline.flinks.client.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The body of the custom Attributes {@code POST} (flinks-api.md 6.3):
 * <pre>{@code
 * { "Attributes": {"Card": [names]}, "Filters": {"AccountCategory": [..]},
 *   "AccountFilter": {"AccountId": [..]}, "AttributesDetail": {"Card": [names]} }
 * }</pre>
 * The exact nesting is not confirmed by Flinks, so {@link #ofJson} sends any body as given.
 */
public final class CustomAttributesRequest {

    private final ObjectNode body;

    private CustomAttributesRequest(ObjectNode body) {
        this.body = body;
    }

    /** Only the attribute names (the one required part). */
    public static CustomAttributesRequest of(List<String> attributes) {
        return builder().attributes(attributes).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A body sent exactly as given. */
    public static CustomAttributesRequest ofJson(JsonNode body) {
        Objects.requireNonNull(body, "body");
        if (!body.isObject()) {
            throw new IllegalArgumentException("a custom Attributes body is a JSON object");
        }
        return new CustomAttributesRequest(((ObjectNode) body).deepCopy());
    }

    public ObjectNode toJson() {
        return body.deepCopy();
    }

    @Override
    public String toString() {
        return "CustomAttributesRequest" + body;
    }

    public static final class Builder {
        private List<String> attributes = List.of();
        private List<String> accountCategories;
        private List<String> accountIds;
        private List<String> attributesDetail;

        private Builder() {}

        /** Attribute names at the {@code Card} level (from the attributes library). */
        public Builder attributes(List<String> names) {
            this.attributes = List.copyOf(names);
            return this;
        }

        /** {@code Filters.AccountCategory}, e.g. {@code Operations} (the only documented value). */
        public Builder accountCategories(List<String> categories) {
            this.accountCategories = List.copyOf(categories);
            return this;
        }

        /** {@code AccountFilter.AccountId}: account ids from GetAccountsDetail (Flinks wants Filters too). */
        public Builder accountIds(List<String> accountIds) {
            this.accountIds = List.copyOf(accountIds);
            return this;
        }

        /** Attributes (also listed in {@link #attributes}) whose underlying transactions to return. */
        public Builder attributesDetail(List<String> names) {
            this.attributesDetail = List.copyOf(names);
            return this;
        }

        public CustomAttributesRequest build() {
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("a custom Attributes request needs at least one attribute");
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            addList(body.putObject("Attributes"), "Card", attributes);
            if (accountCategories != null) {
                addList(body.putObject("Filters"), "AccountCategory", accountCategories);
            }
            if (accountIds != null) {
                addList(body.putObject("AccountFilter"), "AccountId", accountIds);
            }
            if (attributesDetail != null) {
                addList(body.putObject("AttributesDetail"), "Card", attributesDetail);
            }
            return new CustomAttributesRequest(body);
        }

        private static void addList(ObjectNode parent, String name, List<String> values) {
            ArrayNode array = parent.putArray(name);
            values.forEach(array::add);
        }
    }
}
