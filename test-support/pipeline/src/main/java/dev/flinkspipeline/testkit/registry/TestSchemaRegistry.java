package dev.flinkspipeline.testkit.registry;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.testkit.registry.core.CompatibilityLevel;
import dev.flinkspipeline.testkit.registry.core.MemorySchemaLog;
import dev.flinkspipeline.testkit.registry.core.SchemaRegistryService;
import dev.flinkspipeline.testkit.registry.http.RegistryHttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Confluent-compatible schema registry in the test's JVM, for module tests that need one over HTTP (the serde
 * speaks the REST API): Avro only, state in memory, on an ephemeral loopback port, compatibility
 * BACKWARD_TRANSITIVE like the stack's Apicurio Registry. The local stack and the end-to-end tests run Apicurio
 * itself; this one only spares module tests its start-up time.
 */
public final class TestSchemaRegistry implements AutoCloseable {

    private final SchemaRegistryService service;
    private final ExecutorService executor;
    private final int port;
    private HttpServer server;

    private TestSchemaRegistry(SchemaRegistryService service, ExecutorService executor) {
        this.service = service;
        this.executor = executor;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    public static TestSchemaRegistry start() {
        SchemaRegistryService service =
                new SchemaRegistryService(new MemorySchemaLog(), CompatibilityLevel.BACKWARD_TRANSITIVE);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-schema-registry-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return new TestSchemaRegistry(service, executor);
        } catch (RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
            http.createContext(
                    "/",
                    new RegistryHttpHandler(
                            service,
                            JsonMapper.builder()
                                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                                    .build()));
            http.setExecutor(executor);
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on loopback", e);
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** An outage: connections to {@link #url()} are refused until {@link #restart()}; the schemas are kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Ends an outage: serves the same schemas on the same port again. */
    public synchronized void restart() {
        if (server == null) {
            server = listen(port);
        }
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
