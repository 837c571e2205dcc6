package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.metrics.ProcessCpu;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
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
    private final long cpuAtStart;
    private final long compilersAtStart;

    private StackSettle(Map<String, Long> pids) {
        this.pids = Map.copyOf(pids);
        this.cpuAtStart = sum(ProcessCpu::millis);
        this.compilersAtStart = sum(ProcessCpu::compilerMillis);
    }

    /** Starts counting the stack's CPU; {@code pids}: the stack's processes, by label. */
    static StackSettle begin(Map<String, Long> pids) {
        return new StackSettle(pids);
    }

    /** Prints the stack's CPU since {@link #begin} and its JIT compilers' share of it. */
    void printCpu(String what, PrintStream out) {
        if (pids.isEmpty()) {
            return;
        }
        double cpuSeconds = (sum(ProcessCpu::millis) - cpuAtStart) / 1e3;
        double compilerSeconds = (sum(ProcessCpu::compilerMillis) - compilersAtStart) / 1e3;
        out.printf(
                "%s: the stack used %.1f s of CPU, %.0f %% of it in its JIT compilers%n",
                what, cpuSeconds, cpuSeconds > 0 ? 100 * compilerSeconds / cpuSeconds : 0);
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
