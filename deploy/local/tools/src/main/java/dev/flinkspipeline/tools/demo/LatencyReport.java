package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.LoginReceived;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The architecture's end-to-end figure: Connect callback sent → AttributesReady seen on Kafka, per flow and
 * overall, next to a baseline from the same run (callback sent → LoginReceived seen on Kafka: ingest's
 * intake plus the broker and the watcher, without Flinks, poller or attributes) so that the figure can be read
 * against what the machine does anyway.
 */
final class LatencyReport {

    /** measure, flow, n, min, p50, p99, max. */
    static final String FORMAT = "  %-50s  %-8s  %5s  %8s  %9s  %9s  %9s%n";

    private LatencyReport() {}

    /** p50, p99 and max of some latencies in milliseconds (nearest rank); n = how many; min: the least. */
    record Percentiles(int n, double p50, double p99, double max, double min) {

        static Optional<Percentiles> of(List<Double> millis) {
            if (millis.isEmpty()) {
                return Optional.empty();
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            return Optional.of(new Percentiles(
                    sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1], sorted[0]));
        }

        /** Nearest rank: the smallest value with at least {@code q} of the values at or below it. */
        static double rank(double[] sorted, double q) {
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    static void print(List<DemoCustomer> customers, boolean flinksImmediate, PrintStream out) {
        out.printf(
                "%n  Latency from the Connect callback being sent (watcher clock; %s):%n",
                flinksImmediate ? "sandbox answers GetAccountsDetail at once" : "sandbox's configured pending polls");
        out.printf(FORMAT, "measure", "flow", "n", "min ms", "p50 ms", "p99 ms", "max ms");
        row(out, "callback -> AttributesReady", customers, c -> c.callbackToSeen(AttributesReady.class));
        row(out, "baseline: callback -> LoginReceived", customers, c -> c.callbackToSeen(LoginReceived.class));
        HopReport.print(customers, out);
    }

    /** One measure per flow and over all customers: n, p50, p99, max. */
    static void row(
            PrintStream out,
            String measure,
            List<DemoCustomer> customers,
            Function<DemoCustomer, Optional<Double>> latency) {
        List<String> flows = new ArrayList<>();
        for (Flow flow : Flow.values()) {
            flows.add(flow.label());
        }
        flows.add("all");
        for (String flow : flows) {
            List<Double> millis = customers.stream()
                    .filter(c -> flow.equals("all") || c.flow().label().equals(flow))
                    .map(latency)
                    .flatMap(Optional::stream)
                    .toList();
            Optional<Percentiles> p = Percentiles.of(millis);
            if (p.isPresent()) {
                out.printf(
                        FORMAT,
                        measure,
                        flow,
                        p.get().n(),
                        ms(p.get().min()),
                        ms(p.get().p50()),
                        ms(p.get().p99()),
                        ms(p.get().max()));
            } else {
                out.printf(FORMAT, measure, flow, 0, "-", "-", "-", "-");
            }
        }
    }

    private static String ms(double millis) {
        return String.format("%.1f", millis);
    }
}
