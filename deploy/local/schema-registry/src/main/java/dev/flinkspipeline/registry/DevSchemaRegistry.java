package dev.flinkspipeline.registry;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.registry.core.SchemaRegistryService;
import dev.flinkspipeline.registry.http.RegistryHttpHandler;
import dev.flinkspipeline.registry.store.KafkaSchemaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Confluent Schema Registry compatible server for development and tests: Avro only, state kept in a
 * compacted Kafka topic, one instance per topic (see {@link SchemaRegistryService} for the single-writer model).
 *
 * <p>In process: {@code DevSchemaRegistry.start(RegistryConfig.defaults().withBootstrapServers(bs).withPort(0))},
 * then {@link #url()}, and {@link #close()}. As a program: {@code java -jar dev-schema-registry-<version>.jar},
 * configured by environment variables (see {@link RegistryConfig}).
 */
public final class DevSchemaRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevSchemaRegistry.class);

    private final RegistryConfig config;
    private final KafkaSchemaLog schemaLog;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String url;
    private volatile boolean closed;

    private DevSchemaRegistry(RegistryConfig config, KafkaSchemaLog schemaLog, HttpServer server, ExecutorService executor) {
        this.config = config;
        this.schemaLog = schemaLog;
        this.server = server;
        this.executor = executor;
        String host = config.host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        this.url = "http://" + host + ":" + server.getAddress().getPort();
    }

    /**
     * Connects to Kafka (creating the topic if missing), replays the topic into memory, then serves HTTP.
     * Throws {@link dev.flinkspipeline.registry.core.RegistryException} if Kafka cannot be reached within the
     * configured timeout and {@link UncheckedIOException} if the port cannot be bound.
     */
    public static DevSchemaRegistry start(RegistryConfig config) {
        KafkaSchemaLog schemaLog = KafkaSchemaLog.open(config.storeSettings());
        ExecutorService executor = null;
        try {
            SchemaRegistryService service = new SchemaRegistryService(schemaLog, config.defaultCompatibility());
            HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
            server.createContext("/", new RegistryHttpHandler(service, jsonMapper()));
            executor = httpExecutor(config.httpThreads());
            server.setExecutor(executor);
            server.start();
            DevSchemaRegistry registry = new DevSchemaRegistry(config, schemaLog, server, executor);
            log.info("Dev schema registry listening on {} (topic {} at {}, default compatibility {}, {} schemas)",
                    registry.url, config.topic(), config.bootstrapServers(), config.defaultCompatibility(),
                    service.schemaCount());
            return registry;
        } catch (IOException e) {
            schemaLog.close();
            shutdown(executor);
            throw new UncheckedIOException("could not listen on " + config.host() + ":" + config.port(), e);
        } catch (RuntimeException e) {
            schemaLog.close();
            shutdown(executor);
            throw e;
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8081}; the real port when configured with port 0. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public RegistryConfig config() {
        return config;
    }

    /** Stops serving and releases Kafka clients. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        shutdown(executor);
        schemaLog.close();
        log.info("Dev schema registry at {} stopped", url);
    }

    public static void main(String[] args) {
        // Kafka clients log their whole configuration at INFO; keep the console about the registry. (slf4j-simple
        // reads per-logger levels when each logger is created, so this still applies to Kafka's loggers.)
        quietKafkaLogs();
        boundRequestTimes();
        RegistryConfig config;
        try {
            config = RegistryConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting dev schema registry: {}", config);
        DevSchemaRegistry registry;
        try {
            registry = start(config);
        } catch (RuntimeException e) {
            log.error("Dev schema registry could not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close, "dev-schema-registry-shutdown"));
    }

    static ObjectMapper jsonMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private static ExecutorService httpExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        // Bounded queue: under overload, requests wait in the accept backlog rather than in unbounded memory.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1_000), runnable -> {
                    Thread thread = new Thread(runnable, "schema-registry-http-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static void shutdown(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The JDK HTTP server waits forever for a slow client by default. As a standalone process (not in-process,
     * where these JVM-wide settings are not ours to change), cap how long reading a request and writing a
     * response may take, so a stalled client cannot hold a worker thread forever.
     */
    private static void boundRequestTimes() {
        System.setProperty("sun.net.httpserver.maxReqTime",
                System.getProperty("sun.net.httpserver.maxReqTime", "30"));
        System.setProperty("sun.net.httpserver.maxRspTime",
                System.getProperty("sun.net.httpserver.maxRspTime", "30"));
    }

    private static void quietKafkaLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        }
    }
}
