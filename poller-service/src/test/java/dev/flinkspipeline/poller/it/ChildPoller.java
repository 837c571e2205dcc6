package dev.flinkspipeline.poller.it;

import dev.flinkspipeline.poller.PollerApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A poller in its own JVM, so a test can kill it like a crash (SIGKILL: no shutdown hook, nothing flushed). */
final class ChildPoller implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildPoller(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildPoller start(Map<String, Object> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PollerApplication.class.getName());
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
        return new ChildPoller(process, log);
    }

    /** Kills the JVM at once (SIGKILL), as a crash or an OOM kill would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
