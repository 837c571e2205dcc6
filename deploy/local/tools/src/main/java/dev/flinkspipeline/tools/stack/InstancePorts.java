package dev.flinkspipeline.tools.stack;

import java.util.HashMap;
import java.util.Map;

/**
 * The port of each instance. The first instance's is in {@link StackPorts}; a further one's follows from
 * {@link StackPorts#instanceStep()}, or is a free port chosen at its first start. Either way it is remembered,
 * so that a restarted instance comes back where it was (callers and the run's output keep pointing at it).
 */
final class InstancePorts {

    private final StackPorts ports;
    private final Map<Instance, Integer> chosen = new HashMap<>();

    InstancePorts(StackPorts ports) {
        this.ports = ports;
    }

    synchronized int of(Instance instance) {
        int first = ports.of(instance.component());
        if (instance.number() == 1) {
            return first;
        }
        return chosen.computeIfAbsent(
                instance,
                i -> ports.instanceStep() > 0 ? first + ports.instanceStep() * (i.number() - 1) : unusedFreePort());
    }

    /**
     * A free port no other instance was given: a port just released may be handed out again, and a first
     * instance's port is only bound once that instance runs.
     */
    private int unusedFreePort() {
        while (true) {
            int port = StackPorts.freePort();
            if (!chosen.containsValue(port) && !ports.uses(port)) {
                return port;
            }
        }
    }
}
