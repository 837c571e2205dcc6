package dev.flinkspipeline.testkit.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A Spring Boot service as it runs in production, started in this JVM through its main class with settings given
 * as command-line arguments: they win over the packaged {@code application.yml}, as an operator's would (builder
 * properties would not). Can be stopped and started again on the same Kafka state, like a restarted instance.
 */
public final class SpringService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Class<?> application;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers = new ArrayList<>();
    private ConfigurableApplicationContext context;

    private SpringService(Class<?> application, Map<String, ?> settings) {
        this.application = application;
        this.settings.putAll(settings);
    }

    /** A service not started yet: {@code application} is its Spring Boot main class. */
    public static SpringService of(Class<?> application, Map<String, ?> settings) {
        return new SpringService(application, settings);
    }

    /** Starts {@code application} once with {@code settings}; closing the context stops it. */
    public static ConfigurableApplicationContext run(Class<?> application, Map<String, ?> settings) {
        return of(application, settings).start().context();
    }

    /** {@code settings} as the command-line arguments a deployment would pass ({@code --key=value}). */
    public static String[] arguments(Map<String, ?> settings) {
        return settings.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /** Sets (or replaces) one setting for the next start. */
    public SpringService with(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    /** Runs {@code initializer} on the context before it refreshes, e.g. to register a test bean. */
    public SpringService initializer(ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
        initializers.add(initializer);
        return this;
    }

    /** The settings of the next start. */
    public Map<String, Object> settings() {
        return Map.copyOf(settings);
    }

    public synchronized SpringService start() {
        if (context != null) {
            throw new IllegalStateException(application.getSimpleName() + " already running");
        }
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application);
        initializers.forEach(builder::initializers);
        context = builder.run(arguments(settings));
        return this;
    }

    /** Stops the service (a graceful shutdown). Safe when it is not running. */
    public synchronized void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /** Stops and starts the service with the same settings, as a restarted instance. */
    public SpringService restart() {
        stop();
        return start();
    }

    public synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            throw new IllegalStateException(application.getSimpleName() + " is not running");
        }
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context().getBean(type);
    }

    /** Sum of a counter over all its tag combinations matching {@code tags} (key, value, ...); 0 when absent. */
    public double count(String name, String... tags) {
        Search search = bean(MeterRegistry.class).find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    /** The current value of gauge {@code name}. */
    public double gauge(String name) {
        return bean(MeterRegistry.class).get(name).gauge().value();
    }

    /** The service's Kafka listener containers. */
    public List<MessageListenerContainer> listenerContainers() {
        return List.copyOf(bean(KafkaListenerEndpointRegistry.class).getListenerContainers());
    }

    /** A GET of {@code path} on the service's HTTP port ({@code server.port=0} picks a free one). */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String port = context().getEnvironment().getProperty("local.server.port");
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        stop();
    }
}
