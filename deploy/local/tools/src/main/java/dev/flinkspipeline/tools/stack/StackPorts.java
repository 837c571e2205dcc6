package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The loopback ports of the local stack: those of each component's first instance, and how further instances of
 * the services get theirs ({@code instanceStep}: n-th instance at the first's port + (n - 1) x step; 0: a free
 * port chosen when the instance first starts).
 */
public record StackPorts(
        int kafka,
        int controller,
        int registry,
        int registryManagement,
        int sandbox,
        int ingest,
        int poller,
        int attributes,
        int streams,
        int instanceStep) {

    /** Step between the documented ports of a service's instances: ingest 8080, 8180, 8280... */
    public static final int DOCUMENTED_INSTANCE_STEP = 100;

    /**
     * The documented ports: what README and the services' own defaults use; a service's second instance 100
     * above its first (ingest 8180, poller 8182, attributes 8183, streams 8184), the third 200 above...
     */
    public static StackPorts defaults() {
        return new StackPorts(9092, 9093, 8081, 9081, 8090, 8080, 8082, 8083, 8084, DOCUMENTED_INSTANCE_STEP);
    }

    /**
     * Free ports chosen now, so that tests run beside a developer's stack (or another test run) without
     * clashing. Kafka needs fixed ports before it starts (its listeners are written into its config), hence
     * choosing instead of binding port 0.
     */
    public static StackPorts ephemeral() {
        // Each port is released before the next is chosen, so the system may hand one out twice (seen: the
        // registry's management port was accounts-streams' too): keep choosing until all nine differ.
        Set<Integer> distinct = new LinkedHashSet<>();
        while (distinct.size() < 9) {
            distinct.add(freePort());
        }
        Iterator<Integer> p = distinct.iterator();
        return new StackPorts(
                p.next(), p.next(), p.next(), p.next(), p.next(), p.next(), p.next(), p.next(), p.next(), 0);
    }

    public int of(Component component) {
        return switch (component) {
            case KAFKA -> kafka;
            case REGISTRY -> registry;
            case SANDBOX -> sandbox;
            case INGEST -> ingest;
            case POLLER -> poller;
            case ATTRIBUTES -> attributes;
            case STREAMS -> streams;
        };
    }

    /** True when {@code port} is one of these ports (of a first instance, the controller or a management port). */
    boolean uses(int port) {
        return port == kafka
                || port == controller
                || port == registry
                || port == registryManagement
                || port == sandbox
                || port == ingest
                || port == poller
                || port == attributes
                || port == streams;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** True when nothing listens on {@code host:port}, i.e. a component can bind it. */
    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
