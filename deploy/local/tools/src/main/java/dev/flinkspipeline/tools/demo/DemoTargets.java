package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.Instance;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the demo finds the pipeline (every ingest instance: it spreads its customers over them), which needed
 * parts are not running, and, for the latency and capacity figures, the services' Prometheus endpoints and the
 * stack's process ids (both by instance label; empty when unknown).
 */
public record DemoTargets(
        String bootstrapServers,
        String registryUrl,
        String sandboxUrl,
        List<String> ingestUrls,
        List<String> missing,
        Map<String, String> metricsUrls,
        Map<String, Long> pids) {

    /** The API key the local stack gives ingest for {@code POST /connect/sessions}. */
    public static final String LOCAL_API_KEY = LocalSecrets.APP_API_KEY;

    /** Where Spring Boot's actuator exposes the timers. */
    public static final String ACTUATOR_PROMETHEUS = "/actuator/prometheus";

    public DemoTargets {
        ingestUrls = List.copyOf(ingestUrls);
        missing = List.copyOf(missing);
        metricsUrls = Map.copyOf(metricsUrls);
        pids = Map.copyOf(pids);
    }

    public DemoTargets(
            String bootstrapServers,
            String registryUrl,
            String sandboxUrl,
            List<String> ingestUrls,
            List<String> missing) {
        this(bootstrapServers, registryUrl, sandboxUrl, ingestUrls, missing, Map.of(), Map.of());
    }

    public static DemoTargets of(LocalStack stack) {
        List<String> missing = new ArrayList<>();
        Map<String, String> metrics = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Component component : Component.values()) {
            List<Instance> running = stack.running(component);
            if (running.isEmpty()) {
                missing.add(component.label());
            }
            for (Instance instance : running) {
                stack.process(instance).ifPresent(p -> pids.put(instance.label(), p.pid()));
                if (component == Component.POLLER || component == Component.ATTRIBUTES) {
                    metrics.put(instance.label(), stack.url(instance) + ACTUATOR_PROMETHEUS);
                }
            }
        }
        return new DemoTargets(
                stack.bootstrapServers(),
                stack.registryUrl(),
                stack.sandboxUrl(),
                stack.ingestUrls(),
                missing,
                metrics,
                pids);
    }

    /** The same targets, with these Prometheus endpoints and process ids. */
    public DemoTargets with(Map<String, String> metricsUrls, Map<String, Long> pids) {
        return new DemoTargets(bootstrapServers, registryUrl, sandboxUrl, ingestUrls, missing, metricsUrls, pids);
    }

    /** One client per ingest instance, routed as {@link IngestRoutes} says. */
    IngestRoutes ingestRoutes() {
        return new IngestRoutes(ingestUrls.stream()
                .map(url -> new IngestClient(url, LOCAL_API_KEY))
                .toList());
    }
}
