package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** API calls per loginId and endpoint, so tests can prove what each login cost in Flinks calls. */
public final class CallsByLogin {

    private final Map<String, Map<String, LongAdder>> calls = new ConcurrentHashMap<>();

    public void add(String loginId, String endpoint) {
        calls.computeIfAbsent(key(loginId), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(endpoint, k -> new LongAdder())
                .increment();
    }

    /** Endpoint → calls, sorted; endpoints never called for this login are left out. */
    public Map<String, Long> of(String loginId) {
        Map<String, Long> out = new TreeMap<>();
        Map<String, LongAdder> byEndpoint = calls.get(key(loginId));
        if (byEndpoint != null) {
            byEndpoint.forEach((endpoint, n) -> out.put(endpoint, n.sum()));
        }
        return out;
    }

    public void clear() {
        calls.clear();
    }

    /** {@code {"loginId":"…","calls":{"Authorize":1,"GetAccountsDetail":2}}} */
    public ObjectNode toJson(String loginId) {
        ObjectNode out = Json.object();
        out.put("loginId", key(loginId));
        putCalls(out.putObject("calls"), of(loginId));
        return out;
    }

    /** {@code {"<loginId>":{"Authorize":1,…},…}} */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        new TreeMap<>(calls).keySet().forEach(id -> putCalls(out.putObject(id), of(id)));
        return out;
    }

    private static void putCalls(ObjectNode node, Map<String, Long> calls) {
        calls.forEach(node::put);
    }

    /** LoginIds are UUIDs the sandbox stores in lower case, whatever casing a client sends. */
    private static String key(String loginId) {
        return loginId.trim().toLowerCase(Locale.ROOT);
    }
}
