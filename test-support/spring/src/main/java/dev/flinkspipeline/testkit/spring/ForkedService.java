package dev.flinkspipeline.testkit.spring;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spring Boot service in its own JVM (this test's class path), so a test can kill it like a crash (SIGKILL: no
 * shutdown hook, nothing flushed). Its output goes to a log file.
 */
public final class ForkedService implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ForkedService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ForkedService start(Class<?> application, Map<String, ?> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(application.getName());
        command.addAll(List.of(SpringService.arguments(settings)));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")))
                .start();
        return new ForkedService(process, log);
    }

    /** Kills the JVM at once (SIGKILL), as a crash or an OOM kill would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the service logged so far; empty when the log cannot be read. */
    public String log() {
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
