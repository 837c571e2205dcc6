package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.util.ArrayList;
import java.util.List;

/** Where the demo finds the pipeline, and which needed parts are not running. */
public record DemoTargets(
        String bootstrapServers, String registryUrl, String sandboxUrl, String ingestUrl, List<String> missing) {

    /** The API key the local stack gives ingest for {@code POST /connect/sessions}. */
    public static final String LOCAL_API_KEY = LocalSecrets.APP_API_KEY;

    public DemoTargets {
        missing = List.copyOf(missing);
    }

    public static DemoTargets of(LocalStack stack) {
        List<String> missing = new ArrayList<>();
        for (Component component : Component.values()) {
            if (!stack.isRunning(component)) {
                missing.add(component.label());
            }
        }
        return new DemoTargets(
                stack.bootstrapServers(), stack.registryUrl(), stack.sandboxUrl(), stack.ingestUrl(), missing);
    }
}
