package dev.flinkspipeline.flinks.sandbox.connect;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Connect page sessions: one per accepted authorize token, identified by a random flow id in the forms. */
public final class ConnectFlows {

    private static final long FORGET_NANOS = Duration.ofHours(1).toNanos();
    private final Map<String, ConnectFlow> flows = new ConcurrentHashMap<>();

    public ConnectFlow open(String redirectUrl, String tag, boolean demo, Map<String, String> params, long now) {
        ConnectFlow flow = new ConnectFlow(UUID.randomUUID().toString(), redirectUrl, tag, demo, params, now);
        flows.put(flow.id(), flow);
        return flow;
    }

    public ConnectFlow get(String id) {
        return id == null ? null : flows.get(id);
    }

    public void sweep(long now) {
        flows.values().removeIf(f -> now - f.createdNanos() > FORGET_NANOS);
    }

    public void clear() {
        flows.clear();
    }
}
