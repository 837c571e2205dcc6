package dev.flinkspipeline.tools.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void parsesUserPlusSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 100 0 0 0 250 40 0 0 20 0 1 0 1 0 0";

        assertThat(ProcessCpu.parse(stat)).hasValue(2_900);
        assertThat(ProcessCpu.isCompiler(stat)).isTrue();
        assertThat(ProcessCpu.isCompiler("4243 (C1 CompilerThre) S 1")).isTrue();
        assertThat(ProcessCpu.isCompiler("4244 (VM Thread) S 1")).isFalse();
        assertThat(ProcessCpu.isCompiler("4245 (kafka-producer-network-thread) S 1"))
                .isFalse();
    }

    @Test
    void countsThisJvmsCompilerThreadsWithinItsWholeCpu() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        long pid = ProcessHandle.current().pid();

        long compilers = ProcessCpu.compilerMillis(pid).orElseThrow();
        long whole = ProcessCpu.millis(pid).orElseThrow();

        assertThat(compilers).isBetween(0L, whole);
        assertThat(ProcessCpu.compilerMillis(Long.MAX_VALUE)).isEmpty();
    }
}
