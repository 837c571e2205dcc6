package dev.flinkspipeline.ingest.it;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}) run as a
 * process of its own on a free loopback port, its output in {@code target/it-logs/<name>.log}. It sees only the
 * settings the test gives: the {@code KAFKA_*} and {@code INGEST_*} variables of the test's own environment are
 * left out.
 */
final class IngestProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String name;
    private final int port;
    private final Process process;

    private IngestProcess(String name, int port, Process process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /**
     * The settings ingest refuses to start without that a test does not care about: the sandbox's Flinks values,
     * the Connect pages and the HMAC secrets (Kafka and the registry are the test's).
     */
    static Map<String, String> requiredSettings() {
        return Map.of(
                "ingest.flinks.base-url", "http://127.0.0.1:9",
                "ingest.flinks.customer-id", SandboxConfig.TOOLBOX_CUSTOMER_ID,
                "ingest.flinks.secret-key", SandboxConfig.TOOLBOX_SECRET_KEY,
                "ingest.connect.iframe-url", "http://127.0.0.1:9/v2/",
                "ingest.connect.callback-url", "http://127.0.0.1:9/connect/callback",
                "ingest.webhook.secrets", "it-webhook-secret",
                "ingest.tag.secrets", "it-tag-secret-0123456789");
    }

    /** Starts the service with these settings (as system properties); does not wait for it. */
    static IngestProcess start(String name, Map<String, String> settings) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run the tests with `verify`");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve(name + ".log").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("INGEST_"));
            Process process = builder.start();
            return new IngestProcess(name, port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /q/health/ready} answers 200 (Kafka reachable, tag bindings loaded). */
    IngestProcess awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see target/it-logs");
            }
            try {
                HttpResponse<Void> ready = client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ": see target/it-logs");
    }

    /** Waits for the process to end by itself; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + ": see target/it-logs");
        }
        return process.exitValue();
    }

    /** What the process wrote so far (stdout and stderr). */
    String output() {
        try {
            return Files.readString(Path.of("target", "it-logs", name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
