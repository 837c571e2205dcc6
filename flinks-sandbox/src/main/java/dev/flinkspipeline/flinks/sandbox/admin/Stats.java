package dev.flinkspipeline.flinks.sandbox.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls per endpoint and status, calls per loginId and endpoint, and Authorize calls per loginId, so tests
 * can assert what reached Flinks.
 */
public final class Stats {

    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> authorizeByLogin = new ConcurrentHashMap<>();
    private final CallsByLogin byLogin = new CallsByLogin();

    public void call(String endpoint) {
        calls.computeIfAbsent(endpoint, k -> new LongAdder()).increment();
    }

    public void status(String endpoint, int status) {
        statuses.computeIfAbsent(endpoint + " " + status, k -> new LongAdder()).increment();
    }

    /** A call to an API endpoint made for a login (see {@link CallAttribution}). */
    public void loginCall(String loginId, String endpoint) {
        byLogin.add(loginId, endpoint);
    }

    /**
     * Counted by the Authorize handler once the token passed and the login is known: unlike {@link #loginCall},
     * a call refused for its token or answered by an injected fault is not counted.
     */
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

    /** Endpoint → calls made for the login; endpoints it never called are left out. */
    public Map<String, Long> callsOf(String loginId) {
        return byLogin.of(loginId);
    }

    /** {@code {"loginId":"…","calls":{"Authorize":1,…}}} */
    public ObjectNode loginJson(String loginId) {
        return byLogin.toJson(loginId);
    }

    public void reset() {
        calls.clear();
        statuses.clear();
        authorizeByLogin.clear();
        byLogin.clear();
    }

    /**
     * {@code {"endpoints":{"Authorize":{"calls":3,"statuses":{"200":2,"401":1}}},"authorizeByLoginId":{...},
     * "callsByLoginId":{"<loginId>":{"Authorize":1,...}}}}
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
            ObjectNode e =
                    endpoints.has(endpoint) ? (ObjectNode) endpoints.get(endpoint) : endpoints.putObject(endpoint);
            if (!e.has("statuses")) {
                e.putObject("statuses");
            }
            ((ObjectNode) e.get("statuses")).put(key.substring(space + 1), n.sum());
        });
        ObjectNode authorizeCounts = root.putObject("authorizeByLoginId");
        new TreeMap<>(authorizeByLogin).forEach((id, n) -> authorizeCounts.put(id, n.sum()));
        root.set("callsByLoginId", byLogin.toJson());
        return root;
    }
}
