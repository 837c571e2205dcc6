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

    private final HttpServer server;
    private final ExecutorService executor;

    private TestSchemaRegistry(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static TestSchemaRegistry start() {
        SchemaRegistryService service = new SchemaRegistryService(new MemorySchemaLog(),
                CompatibilityLevel.BACKWARD_TRANSITIVE);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-schema-registry-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/", new RegistryHttpHandler(service, JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build()));
            server.setExecutor(executor);
            server.start();
            return new TestSchemaRegistry(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("could not listen on loopback", e);
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
