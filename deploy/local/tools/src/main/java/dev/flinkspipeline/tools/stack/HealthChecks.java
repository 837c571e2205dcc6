package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Waiting until a component answers, while noticing at once when its process died. */
final class HealthChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HealthChecks() {}

    /** True when GET {@code url} answers 2xx. */
    static boolean httpOk(String url) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True when the broker answers a describeCluster with at least one node. */
    static boolean kafkaUp(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500))) {
            return !admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /**
     * Polls {@code healthy} every 250 ms until it holds, the process dies (fails at once with the end of its
     * log) or {@code timeout} passes.
     */
    static void await(ManagedProcess process, String what, BooleanSupplier healthy, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(process.name() + " exited (code " + process.exitCode() + ") before " + what
                        + "; end of " + process.logFile() + ":\n" + process.logTail(30));
            }
            if (healthy.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(process.name() + " is not healthy after " + timeout.toSeconds() + " s (" + what
                        + "); end of " + process.logFile() + ":\n" + process.logTail(30));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + process.name());
            }
        }
    }
}
