package dev.flinkspipeline.tools.demo;

import java.util.List;

/**
 * Which ingest instance each of a customer's requests goes to, as a load balancer in front of several would
 * spread them: the customers take turns by pairs (one of each flow), each pair starting its sessions on the
 * next instance; the browser's Connect callback and the sandbox's webhooks go to the instance after the
 * session's. With several instances a callback therefore lands on another instance than its session, which
 * only works because the binding of a session's tag is shared through Kafka; with one, everything goes to it.
 */
public final class IngestRoutes {

    private final List<IngestClient> instances;

    public IngestRoutes(List<IngestClient> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no ingest instance to send customers to");
        }
        this.instances = List.copyOf(instances);
    }

    /** Where customer {@code number} (1-based) creates its session, and where its callback and webhooks go. */
    public Route route(int number) {
        int turn = (number - 1) / 2;
        return new Route(instances.get(turn % instances.size()), instances.get((turn + 1) % instances.size()));
    }

    public int size() {
        return instances.size();
    }

    /** The instance of {@code POST /connect/sessions}, and that of the callback and the webhooks. */
    public record Route(IngestClient session, IngestClient callback) {}
}
