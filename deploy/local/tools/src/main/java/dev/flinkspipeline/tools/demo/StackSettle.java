package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.metrics.ProcessCpu;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Waits, after a warm-up, until the stack's processes are quiet: on a fresh stack the JVMs' JIT compilers keep
 * compiling for a while after the load that made the code hot (measured: about 45 % of the stack's CPU over its
 * first 400 customers), and a measurement started meanwhile times the compilers sharing the cores, not a warm stack.
 */
final class StackSettle {

    /** The stack's processes together, in % of one core: an idle stack uses 15-25 % (its consumers' empty polls). */
    static final double QUIET_PERCENT = 35;

    static final Duration QUIET_FOR = Duration.ofSeconds(2);
    static final Duration MAX_WAIT = Duration.ofSeconds(90);
    private static final Duration SAMPLE = Duration.ofMillis(500);

    private final Map<String, Long> pids;
    private final Map<String, Long> cpuAtStart = new TreeMap<>();
    private final Map<String, Long> compilersAtStart = new TreeMap<>();

    private StackSettle(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        pids.forEach((part, pid) -> {
            cpuAtStart.put(part, ProcessCpu.millis(pid).orElse(0));
            compilersAtStart.put(part, ProcessCpu.compilerMillis(pid).orElse(0));
        });
    }

    /** Starts counting the stack's CPU; {@code pids}: the stack's processes, by label. */
    static StackSettle begin(Map<String, Long> pids) {
        return new StackSettle(pids);
    }

    /** Prints the stack's CPU since {@link #begin} and its JIT compilers' share of it, in all and by part. */
    void printCpu(String what, PrintStream out) {
        if (pids.isEmpty()) {
            return;
        }
        StringBuilder byPart = new StringBuilder();
        long cpu = 0;
        long compilers = 0;
        for (var part : new TreeMap<>(pids).entrySet()) {
            long partCpu = ProcessCpu.millis(part.getValue()).orElse(0) - cpuAtStart.getOrDefault(part.getKey(), 0L);
            long partCompilers = ProcessCpu.compilerMillis(part.getValue()).orElse(0)
                    - compilersAtStart.getOrDefault(part.getKey(), 0L);
            cpu += partCpu;
            compilers += partCompilers;
            byPart.append(String.format(
                    "%s %s %.1f s (JIT %.1f)",
                    byPart.isEmpty() ? "" : ",", part.getKey(), partCpu / 1e3, partCompilers / 1e3));
        }
        out.printf(
                "%s: the stack used %.1f s of CPU, %.0f %% of it in its JIT compilers; by part:%s%n",
                what, cpu / 1e3, cpu > 0 ? 100.0 * compilers / cpu : 0, byPart);
    }

    /** Waits until the stack is quiet (at most {@link #MAX_WAIT}) and prints what the warm-up cost and how long that took. */
    void await(PrintStream out) {
        if (pids.isEmpty()) {
            out.println("Settle: the stack's processes are unknown (no pid files): measuring right after the warm-up");
            return;
        }
        long start = System.nanoTime();
        long deadline = start + MAX_WAIT.toNanos();
        long quietSince = -1;
        double percent = Double.NaN;
        long before = sum(ProcessCpu::millis);
        long sampledAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            sleep(SAMPLE);
            long now = System.nanoTime();
            long cpu = sum(ProcessCpu::millis);
            percent = 100.0 * (cpu - before) / ((now - sampledAt) / 1e6);
            before = cpu;
            sampledAt = now;
            if (percent > QUIET_PERCENT) {
                quietSince = -1;
            } else if (quietSince < 0) {
                quietSince = now;
            } else if (now - quietSince >= QUIET_FOR.toNanos()) {
                break;
            }
        }
        printCpu("Warm-up", out);
        out.printf(
                "Settle: the stack %s after %.1f s (%.0f %% of one core; quiet is %.0f %% for %d s)%n",
                quietSince >= 0 ? "was quiet" : "was still busy",
                (System.nanoTime() - start) / 1e9,
                percent,
                QUIET_PERCENT,
                QUIET_FOR.toSeconds());
    }

    private long sum(Function<Long, OptionalLong> millis) {
        return pids.values().stream().map(millis).mapToLong(m -> m.orElse(0)).sum();
    }

    private static void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
