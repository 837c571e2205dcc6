package dev.flinkspipeline.streams.it;

import dev.flinkspipeline.streams.AccountsStreamsApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application as it runs in production (the Spring Boot jar's main class), in this JVM against the test's broker. */
final class RunningApp implements AutoCloseable {

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private ConfigurableApplicationContext context;

    RunningApp(String bootstrap, String registryUrl, String applicationId) {
        properties.put("spring.kafka.bootstrap-servers", bootstrap);
        properties.put("pipeline.kafka.schema-registry-url", registryUrl);
        properties.put("pipeline.kafka.auto-register-schemas", "true");
        properties.put("spring.kafka.streams.application-id", applicationId);
        properties.put("accounts-streams.topics.partitions", "3");
        // A bare test broker: the application creates its output topics (the cluster declares them from the plan).
        properties.put("accounts-streams.topics.create", "true");
        properties.put("accounts-streams.instance-id", applicationId + "-1");
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
    }

    /** Starts with its state in {@code stateDir}: a new, empty one restores the stores from their changelogs. */
    RunningApp start(Path stateDir) {
        properties.put("spring.kafka.streams.state-dir", stateDir.toString());
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        context = new SpringApplicationBuilder(AccountsStreamsApplication.class).run(args);
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

    @Override
    public void close() {
        stop();
    }
}
