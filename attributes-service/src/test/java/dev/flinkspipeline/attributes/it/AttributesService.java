package dev.flinkspipeline.attributes.it;

import dev.flinkspipeline.attributes.AttributesServiceApplication;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes service in the integration tests: its settings (the class's own consumer group, compressed
 * durations) against the test's broker, registry and a Flinks sandbox, through the shared harness.
 */
final class AttributesService {

    private AttributesService() {}

    /**
     * Creates the pipeline topics on the broker (2 partitions) and returns the service with consumer group {@code
     * groupId} against a default sandbox, ready to start; the class adds its own settings with {@code with}.
     */
    static ServiceHarness.Builder harness(PipelineInfra infra, String groupId) {
        for (String topic : List.of(
                Topics.ACCOUNTS_READY,
                Topics.ATTRIBUTES_READY,
                Topics.PIPELINE_FAILED,
                Topics.dlt(Topics.ACCOUNTS_READY))) {
            infra.createTopic(topic, 2, Map.of());
        }
        return ServiceHarness.of(AttributesServiceApplication.class, infra)
                .sandbox(SandboxConfig.builder().build())
                .settings(settings(groupId));
    }

    /** The test's side of the pipeline topics, closed with {@code harness}. */
    static PipelineTopics topics(ServiceHarness harness, PipelineInfra infra) {
        return harness.own(new PipelineTopics(infra.bootstrapServers(), infra.schemaRegistryUrl()));
    }

    /** The service's own settings (the shared pipeline ones come from the harness). */
    static Map<String, Object> settings(String groupId) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.consumer.group-id", groupId);
        p.put("server.port", "0");
        p.put("pipeline.job.topics.partitions", "2");
        // A bare test broker: the service creates its internal topics (the cluster declares them from the plan).
        p.put("pipeline.job.topics.create", "true");
        p.put("pipeline.job.step-timeout", "5s");
        p.put("attributes.retry.budget", "12s");
        p.put("attributes.retry.pending-interval", "150ms");
        p.put("attributes.retry.initial-delay", "100ms");
        p.put("attributes.retry.max-delay", "400ms");
        p.put("attributes.retry.max-pause", "200ms");
        p.put("pipeline.job.failed-batch-pause", "200ms");
        p.put("flinks.request-timeout", "3s");
        p.put("spring.main.banner-mode", "off");
        return p;
    }
}
