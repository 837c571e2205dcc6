package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * deploy/local/run as a person uses it: started from a terminal, stopped with Ctrl-C (SIGINT to the
 * terminal's foreground process group), started again. Also the launcher dying without stopping anything:
 * the script's trap stops what it left. Kafka, registry and sandbox only, to keep it quick; the services are
 * started the same way by the same launcher in the other tests.
 */
@Order(0)
class RunScriptIT {

    private final Path root = E2eStack.projectRoot();
    private final Path stateDir = root.resolve("e2e-tests/target/run-script-stack");

    @Test
    void ctrlCStopsEveryPartAndASecondRunStartsCleanly() throws Exception {
        Started first = start();
        assertThat(first.output())
                .anyMatch(l -> l.contains("kafka") && l.contains("up in"))
                .anyMatch(l -> l.contains("registry") && l.contains("up in"))
                .anyMatch(l -> l.contains("sandbox") && l.contains("up in"))
                .anyMatch(l -> l.contains("Where everything listens"));
        assertThat(ourProcesses()).hasSize(3);

        signalGroup(first.process(), "INT");

        assertThat(first.process().waitFor(90, TimeUnit.SECONDS))
                .as("run exits after Ctrl-C")
                .isTrue();
        assertThat(first.process().exitValue()).isEqualTo(130);
        assertThat(ourProcesses()).as("processes left after Ctrl-C").isEmpty();
        assertThat(stateDir.resolve("pids")).isEmptyDirectory();

        Started second = start();
        assertThat(ourProcesses()).hasSize(3);
        // The launcher itself dies without a chance to stop anything: the script's trap must.
        ProcessHandle launcher = second.process()
                .toHandle()
                .descendants()
                .filter(h -> h.info()
                        .commandLine()
                        .map(c -> c.contains("pipeline-tools"))
                        .orElse(false))
                .findFirst()
                .orElseThrow();
        launcher.destroyForcibly();

        assertThat(second.process().waitFor(90, TimeUnit.SECONDS))
                .as("run exits when its launcher dies")
                .isTrue();
        assertThat(second.output()).anyMatch(l -> l.startsWith("stopping leftover"));
        assertThat(ourProcesses())
                .as("processes left after the launcher was killed")
                .isEmpty();
    }

    private record Started(Process process, List<String> output) {}

    private Started start() throws IOException, InterruptedException {
        // setsid: the script gets its own process group, like a shell job in a terminal. env --default-signal:
        // SIGINT handled as in a terminal even when this JVM was started in the background (a shell's `&`
        // ignores SIGINT for the job, every descendant inherits that, and bash cannot trap an ignored signal).
        Process process = new ProcessBuilder(
                        "setsid",
                        "env",
                        "--default-signal=INT",
                        root.resolve("deploy/local/run").toString(),
                        "--no-build",
                        "--no-demo",
                        "--only",
                        "kafka,registry,sandbox",
                        "--ephemeral-ports",
                        "--state-dir",
                        stateDir.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    System.out.println("[run] " + line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (output.stream().noneMatch(l -> l.startsWith("Running."))) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "deploy/local/run exited with " + process.exitValue() + ":\n" + String.join("\n", output));
            }
            if (System.nanoTime() > deadline) {
                signalGroup(process, "KILL");
                throw new AssertionError("deploy/local/run did not come up:\n" + String.join("\n", output));
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return new Started(process, output);
    }

    /** What Ctrl-C does: the signal goes to the whole foreground process group (bash and the launcher). */
    private static void signalGroup(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Live processes started for this test's state folder (the launcher marks each with it). */
    private List<ProcessHandle> ourProcesses() {
        String marker = "-Dflinkspipeline.stack=" + stateDir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }
}
