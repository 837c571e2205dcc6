package dev.flinkspipeline.tools.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU a process has used so far (user + system, its own threads), from {@code /proc/<pid>/stat}: the 14th and 15th
 * fields, in clock ticks. Linux only; empty elsewhere or when the process is gone.
 */
public final class ProcessCpu {

    /** {@code sysconf(_SC_CLK_TCK)}: 100 on every Linux the stack runs on. */
    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {}

    /** CPU time used by {@code pid} so far, in milliseconds. */
    public static OptionalLong millis(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * CPU time used so far by the JIT compiler threads of the JVM {@code pid} (HotSpot names them "C1 CompilerThread"
     * and "C2 CompilerThread", cut to 15 characters), in milliseconds.
     */
    public static OptionalLong compilerMillis(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long total = 0;
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                if (isCompiler(stat)) {
                    total += parse(stat).orElse(0);
                }
            }
            return OptionalLong.of(total);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static boolean isCompiler(String stat) {
        int open = stat.indexOf('(');
        return stat.startsWith("C1 Compiler", open + 1) || stat.startsWith("C2 Compiler", open + 1);
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line, in milliseconds. */
    static OptionalLong parse(String stat) {
        // The command name (2nd field) is in parentheses and may hold spaces: count fields after its last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        // fields[0] is the 3rd field (state): utime is the 14th, stime the 15th.
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
    }
}
