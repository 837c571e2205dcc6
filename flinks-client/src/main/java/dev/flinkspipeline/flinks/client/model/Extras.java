package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-safe immutable copies for model records. */
final class Extras {

    private Extras() {}

    /** An unmodifiable, order-preserving copy of the unknown fields; never null. */
    static Map<String, JsonNode> copy(Map<String, JsonNode> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** An unmodifiable copy of a list that may be absent or contain JSON nulls; never null. */
    static <T> List<T> list(List<T> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return values.stream().filter(v -> v != null).toList();
    }
}
