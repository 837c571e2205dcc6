package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls per endpoint and status, and Authorize calls per loginId, so tests can assert what reached Flinks. */
public final class Stats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> authorizeByLogin = new ConcurrentHashMap<>();

    public void call(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void status(String endpoint, int status) {
        statuses.computeIfAbsent(endpoint + " " + status, k -> new LongAdder()).increment();
    }

    public void authorize(String loginId) {
        authorizeByLogin.computeIfAbsent(loginId, k -> new LongAdder()).increment();
    }

    public long calls(String endpoint) {
        LongAdder a = calls.get(endpoint);
        return a == null ? 0 : a.sum();
    }

    public long authorizeCalls(String loginId) {
        LongAdder a = authorizeByLogin.get(loginId);
        return a == null ? 0 : a.sum();
    }

    public void reset() {
        calls.clear();
        statuses.clear();
        authorizeByLogin.clear();
    }

    /**
     * {@code {"endpoints":{"Authorize":{"calls":3,"statuses":{"200":2,"401":1}}},"authorizeByLoginId":{...}}}
     */
    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode endpoints = root.putObject("endpoints");
        new TreeMap<>(calls).forEach((endpoint, n) -> {
            ObjectNode e = endpoints.putObject(endpoint);
            e.put("calls", n.sum());
            e.putObject("statuses");
        });
        new TreeMap<>(statuses).forEach((key, n) -> {
            int space = key.lastIndexOf(' ');
            String endpoint = key.substring(0, space);
            ObjectNode e = endpoints.has(endpoint) ? (ObjectNode) endpoints.get(endpoint) : endpoints.putObject(endpoint);
            if (!e.has("statuses")) {
                e.putObject("statuses");
            }
            ((ObjectNode) e.get("statuses")).put(key.substring(space + 1), n.sum());
        });
        ObjectNode byLogin = root.putObject("authorizeByLoginId");
        new TreeMap<>(authorizeByLogin).forEach((id, n) -> byLogin.put(id, n.sum()));
        return root;
    }
}
