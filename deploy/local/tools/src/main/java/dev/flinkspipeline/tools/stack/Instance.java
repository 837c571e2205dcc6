package dev.flinkspipeline.tools.stack;

/**
 * One process of a component. Instance 1 keeps the names and ports of a single-instance stack (log
 * {@code ingest.log}, port 8080); instance n of a {@link Component#scalable() service} is labelled
 * {@code <component>-<n>} (log {@code ingest-2.log}).
 */
public record Instance(Component component, int number) implements Comparable<Instance> {

    /** Most instances of a service the stack runs: their documented ports step by 100 from the first's. */
    public static final int MAX = 9;

    public Instance {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("instance numbers are 1.." + MAX + ", was " + number);
        }
        if (number > 1 && !component.scalable()) {
            throw new IllegalArgumentException(component.label() + " runs as a single instance");
        }
    }

    public static Instance first(Component component) {
        return new Instance(component, 1);
    }

    /** Names its log file, pid file and the launcher's output lines. */
    public String label() {
        return number == 1 ? component.label() : component.label() + "-" + number;
    }

    @Override
    public int compareTo(Instance other) {
        int byComponent = component.compareTo(other.component);
        return byComponent != 0 ? byComponent : Integer.compare(number, other.number);
    }

    @Override
    public String toString() {
        return label();
    }
}
