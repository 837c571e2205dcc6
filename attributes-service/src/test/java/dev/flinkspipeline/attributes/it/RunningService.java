package dev.flinkspipeline.attributes.it;

import dev.flinkspipeline.attributes.AttributesServiceApplication;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The attributes service as it runs in production (the Spring Boot application), started in this JVM
 * against the test's broker, registry and sandbox, with compressed durations. Can be stopped and started
 * again on the same Kafka state, like a restarted instance.
 */
final class RunningService implements AutoCloseable {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private ConfigurableApplicationContext context;

    RunningService(String bootstrap, String registryUrl, String sandboxUrl, String groupId) {
        properties.put("spring.kafka.bootstrap-servers", bootstrap);
        properties.put("pipeline.kafka.schema-registry-url", registryUrl);
        properties.put("attributes.kafka.group-id", groupId);
        properties.put("pipeline.kafka.auto-register-schemas", "true");
        properties.put("flinks.base-url", sandboxUrl);
        properties.put("flinks.customer-id", SandboxConfig.TOOLBOX_CUSTOMER_ID);
        properties.put("flinks.secret-key", SandboxConfig.TOOLBOX_SECRET_KEY);
        properties.put("flinks.api-key", SandboxConfig.TOOLBOX_API_KEY);
        properties.put("server.port", "0");
        properties.put("attributes.topics.default-partitions", "2");
        // A bare test broker: the service creates its internal topics (the cluster declares them from the plan).
        properties.put("attributes.topics.create", "true");
        properties.put("attributes.attempt-timeout", "5s");
        properties.put("attributes.retry.budget", "12s");
        properties.put("attributes.retry.pending-interval", "150ms");
        properties.put("attributes.retry.initial-delay", "100ms");
        properties.put("attributes.retry.max-delay", "400ms");
        properties.put("attributes.retry.max-pause", "200ms");
        properties.put("attributes.retry.kafka-failure-delay", "200ms");
        properties.put("flinks.request-timeout", "3s");
        properties.put("spring.main.banner-mode", "off");
    }

    RunningService with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    RunningService start() {
        // As command-line arguments: they take precedence over application.yml, as an operator's would.
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(AttributesServiceApplication.class).run(args);
        return this;
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** Sum of a counter over all its tag combinations matching {@code tags} (key, value, ...). */
    double count(String name, String... tags) {
        Search search = context.getBean(MeterRegistry.class).find(name);
        if (tags.length > 0) {
            search = search.tags(tags);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        stop();
    }
}
