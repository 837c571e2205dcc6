package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the demo finds the pipeline (every ingest instance: it spreads its customers over them), and which
 * needed parts are not running.
 */
public record DemoTargets(
        String bootstrapServers, String registryUrl, String sandboxUrl, List<String> ingestUrls, List<String> missing) {

    /** The API key the local stack gives ingest for {@code POST /connect/sessions}. */
    public static final String LOCAL_API_KEY = LocalSecrets.APP_API_KEY;

    public DemoTargets {
        ingestUrls = List.copyOf(ingestUrls);
        missing = List.copyOf(missing);
    }

    public static DemoTargets of(LocalStack stack) {
        List<String> missing = new ArrayList<>();
        for (Component component : Component.values()) {
            if (stack.running(component).isEmpty()) {
                missing.add(component.label());
            }
        }
        return new DemoTargets(
                stack.bootstrapServers(), stack.registryUrl(), stack.sandboxUrl(), stack.ingestUrls(), missing);
    }

    /** One client per ingest instance, routed as {@link IngestRoutes} says. */
    IngestRoutes ingestRoutes() {
        return new IngestRoutes(ingestUrls.stream()
                .map(url -> new IngestClient(url, LOCAL_API_KEY))
                .toList());
    }
}
