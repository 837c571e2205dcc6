package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.metrics.ProcessCpu;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The highest steady rate of new customers the stack carries: steps the arrival rate up, each rate held for a fixed
 * time, and prints per step Connect callback → AttributesReady p50/p99/max and the CPU each process of the stack
 * used (from {@code /proc/<pid>/stat}, in % of one core over the step). Stops after the first step whose p99
 * exceeds the limit or whose customers did not all reach AttributesReady.
 */
public final class CapacityRun {

    /**
     * @param rates      customers a second of each step, in order
     * @param stepLength how long each rate is held
     * @param p99Limit   the latency target: the first step above it is the last
     * @param drain      how long a step waits, after its last start, for its customers' AttributesReady
     */
    public record Options(List<Integer> rates, Duration stepLength, Duration p99Limit, Duration drain) {

        public static final Options DEFAULT = new Options(
                List.of(10, 20, 40, 80, 160), Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(60));

        public Options {
            rates = List.copyOf(rates);
            if (rates.isEmpty() || rates.stream().anyMatch(r -> r < 1)) {
                throw new IllegalArgumentException("capacity rates must be 1 or more customers a second: " + rates);
            }
        }
    }

    /** One step's outcome. */
    record Step(int rate, int customers, int ready, Optional<LatencyReport.Percentiles> latency) {

        boolean within(Duration limit) {
            return ready == customers && latency.isPresent() && latency.get().p99() <= limit.toMillis();
        }
    }

    private static final List<String> TOPICS =
            List.of(Topics.LOGIN_RECEIVED, Topics.ACCOUNTS_READY, Topics.ATTRIBUTES_READY, Topics.PIPELINE_FAILED);

    private CapacityRun() {}

    /** Runs the steps; true when some rate met the limit. */
    public static boolean run(DemoTargets targets, Options capacity, DemoOptions demo, PrintStream out) {
        Map<String, Long> pids = new LinkedHashMap<>(targets.pids());
        pids.put("driver", ProcessHandle.current().pid());
        out.printf(
                "Capacity: rates %s customers/s, %d s each (half standard flow, half webhook flow), %s;"
                        + " stop at the first p99 of callback -> AttributesReady above %d ms%n",
                capacity.rates(),
                capacity.stepLength().toSeconds(),
                demo.flinksImmediate() ? "sandbox answers GetAccountsDetail at once" : "sandbox's pending polls",
                capacity.p99Limit().toMillis());
        out.printf(
                "  CPU: %% of one core over the step, per process (%d cores here)%n",
                Runtime.getRuntime().availableProcessors());
        Step last = null;
        try (PipelineWatcher watcher = new PipelineWatcher(
                targets.bootstrapServers(), targets.registryUrl(), TOPICS, PipelineWatcher.StartAt.END)) {
            CustomerStarter starter = new CustomerStarter(targets, watcher, demo);
            int next = 1;
            if (demo.warmUp() > 0) {
                DemoDriver.warmUp(starter, watcher, next, demo, capacity.drain().multipliedBy(3), targets.pids(), out);
                next += demo.warmUp();
            }
            String header = String.format(
                    "  %5s  %5s  %5s  %8s  %8s  %8s  %8s",
                    "rate", "n", "ready", "achieved", "p50 ms", "p99 ms", "max ms");
            StringBuilder cpuHeader = new StringBuilder(header);
            pids.keySet().forEach(label -> cpuHeader.append(String.format("  %" + width(label) + "s", label)));
            out.println(cpuHeader.append(String.format("  %8s", "total")));

            Step best = null;
            for (int rate : capacity.rates()) {
                int count = (int) Math.max(1, rate * capacity.stepLength().toSeconds());
                Map<String, OptionalLong> cpuBefore = cpu(pids);
                long t0 = System.nanoTime();
                List<DemoCustomer> customers = starter.start(next, count, rate, started -> {});
                long lastStart = System.nanoTime();
                next += count;
                awaitTerminal(customers, lastStart + capacity.drain().toNanos());
                long t1 = System.nanoTime();
                Map<String, OptionalLong> cpuAfter = cpu(pids);
                List<Double> millis = customers.stream()
                        .map(c -> c.callbackToSeen(AttributesReady.class))
                        .flatMap(Optional::stream)
                        .toList();
                int ready = (int) customers.stream().filter(DemoCustomer::ready).count();
                last = new Step(rate, count, ready, LatencyReport.Percentiles.of(millis));
                printRow(out, last, achieved(customers), pids, cpuBefore, cpuAfter, (t1 - t0) / 1e6);
                watcher.forget(customers.stream()
                        .map(DemoCustomer::loginId)
                        .filter(Objects::nonNull)
                        .toList());
                if (!last.within(capacity.p99Limit())) {
                    break;
                }
                best = last;
            }
            out.println(
                    best == null
                            ? "  No rate met the limit."
                            : String.format(
                                    "  Highest rate within p99 <= %d ms: %d customers/s (the next step, %s, did not hold).",
                                    capacity.p99Limit().toMillis(),
                                    best.rate(),
                                    last == best ? "none tried" : last.rate() + "/s"));
            return best != null;
        }
    }

    private static void printRow(
            PrintStream out,
            Step step,
            double achieved,
            Map<String, Long> pids,
            Map<String, OptionalLong> before,
            Map<String, OptionalLong> after,
            double wallMillis) {
        StringBuilder row = new StringBuilder(String.format(
                "  %5d  %5d  %5d  %8.1f  %8s  %8s  %8s",
                step.rate(),
                step.customers(),
                step.ready(),
                achieved,
                step.latency().map(p -> ms(p.p50())).orElse("-"),
                step.latency().map(p -> ms(p.p99())).orElse("-"),
                step.latency().map(p -> ms(p.max())).orElse("-")));
        double total = 0;
        for (String label : pids.keySet()) {
            OptionalLong b = before.get(label);
            OptionalLong a = after.get(label);
            if (b.isPresent() && a.isPresent()) {
                double percent = 100.0 * (a.getAsLong() - b.getAsLong()) / wallMillis;
                total += percent;
                row.append(String.format("  %" + (width(label) - 1) + ".0f%%", percent));
            } else {
                row.append(String.format("  %" + width(label) + "s", "-"));
            }
        }
        out.println(row.append(String.format("  %7.0f%%", total)));
    }

    private static int width(String label) {
        return Math.max(8, label.length());
    }

    /** Customers a second between the first and the last Connect callback of a step. */
    private static double achieved(List<DemoCustomer> customers) {
        long first = customers.stream()
                .mapToLong(DemoCustomer::callbackSentNanos)
                .min()
                .orElse(0);
        long last = customers.stream()
                .mapToLong(DemoCustomer::callbackSentNanos)
                .max()
                .orElse(0);
        return last > first ? (customers.size() - 1) / ((last - first) / 1e9) : 0;
    }

    private static Map<String, OptionalLong> cpu(Map<String, Long> pids) {
        Map<String, OptionalLong> cpu = new LinkedHashMap<>();
        pids.forEach((label, pid) -> cpu.put(label, ProcessCpu.millis(pid)));
        return cpu;
    }

    private static void awaitTerminal(List<DemoCustomer> customers, long deadline) {
        while (!customers.stream()
                        .allMatch(c -> c.startError() != null || c.trace().isTerminal())
                && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String ms(double millis) {
        return String.format("%.0f", millis);
    }
}
