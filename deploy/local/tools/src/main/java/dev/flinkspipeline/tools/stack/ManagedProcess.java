package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child process of the local stack: its output goes to a log file (never to the launcher's terminal,
 * which shows only the launcher's own compact output) and its pid to a pid file, so that a launcher that
 * was itself killed leaves enough behind for the next run, or the run script's trap, to stop it.
 */
public final class ManagedProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ManagedProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code command}; its stdout and stderr are appended to {@code logFile}. */
    public static ManagedProcess start(
            String name, List<String> command, Map<String, String> env, Path workDir, Path logFile, Path pidFile) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            List<String> line = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                // Its own session: Ctrl-C in the launcher's terminal reaches only the launcher, which then stops
                // the parts in reverse order (services before the broker) instead of all at once.
                line.add(SETSID.toString());
            }
            line.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return new ManagedProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Exit code if the process ended, else -1. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM (the services shut down gracefully on it), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.toHandle().descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
        forgetPid();
    }

    /** SIGKILL, as a crash would: no shutdown hook of the child runs. */
    public void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forgetPid();
    }

    /** The last {@code lines} lines of the log, to explain a failed start. */
    public String logTail(int lines) {
        return LogFiles.tail(logFile, lines);
    }

    private void forgetPid() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is checked against the live process's command line before any use
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
