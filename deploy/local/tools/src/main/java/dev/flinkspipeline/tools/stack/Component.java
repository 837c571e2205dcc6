package dev.flinkspipeline.tools.stack;

import java.util.EnumSet;
import java.util.Set;

/**
 * The parts of the local stack, in start order. Each is its own process; the launcher stops them in the
 * reverse order.
 */
public enum Component {
    KAFKA("kafka", "deploy/local/kafka", "local-kafka"),
    REGISTRY("registry", "deploy/local/registry", "local-registry"),
    SANDBOX("sandbox", "flinks-sandbox", "flinks-sandbox"),
    INGEST("ingest", "ingest-service", "ingest-service"),
    POLLER("poller", "poller-service", "poller-service"),
    ATTRIBUTES("attributes", "attributes-service", "attributes-service"),
    /** accounts-streams: splits each AccountsReady into per-account state and transaction records. */
    STREAMS("streams", "accounts-streams", "accounts-streams");

    private final String label;
    private final String moduleDir;
    private final String artifactId;

    Component(String label, String moduleDir, String artifactId) {
        this.label = label;
        this.moduleDir = moduleDir;
        this.artifactId = artifactId;
    }

    /** Short name used in logs, pid files and the command line. */
    public String label() {
        return label;
    }

    /** Module directory, relative to the project root. */
    public String moduleDir() {
        return moduleDir;
    }

    public String artifactId() {
        return artifactId;
    }

    /**
     * True for the pipeline's services, which the stack can run as several instances ({@code --instances N}):
     * they share their work through Kafka (consumer groups, the tag bindings). Kafka, the registry and the
     * sandbox run once.
     */
    public boolean scalable() {
        return this == INGEST || this == POLLER || this == ATTRIBUTES || this == STREAMS;
    }

    /**
     * What must be up before this part starts, when parts start as soon as they can: the broker, for the registry
     * (its schemas live in a Kafka topic) and the services (their topics are created once the broker is up). The
     * services register their schemas on first use, not at start, so they start beside the registry; the sandbox
     * needs nothing (its webhooks to ingest are retried).
     */
    public Set<Component> needs() {
        return this == KAFKA || this == SANDBOX ? EnumSet.noneOf(Component.class) : EnumSet.of(KAFKA);
    }

    public static Component ofLabel(String label) {
        for (Component c : values()) {
            if (c.label.equalsIgnoreCase(label)
                    || c.name().equalsIgnoreCase(label)
                    || c.artifactId.equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown component '" + label + "', expected one of kafka, registry, "
                + "sandbox, ingest, poller, attributes, streams");
    }
}
