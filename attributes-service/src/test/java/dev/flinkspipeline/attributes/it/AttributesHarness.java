package dev.flinkspipeline.attributes.it;

import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What each attributes integration test class runs against: the pipeline topics on its broker (2
 * partitions), a Flinks sandbox with its admin client, a reader/writer of the topics, and one running
 * service with the class's own consumer group and settings.
 */
final class AttributesHarness implements AutoCloseable {

    final FlinksSandbox sandbox;
    final SandboxAdminClient admin;
    final PipelineTopics topics;
    final RunningService service;

    private AttributesHarness(FlinksSandbox sandbox, PipelineTopics topics, RunningService service) {
        this.sandbox = sandbox;
        this.admin = new SandboxAdminClient(sandbox.baseUrl());
        this.topics = topics;
        this.service = service;
    }

    /** Starts everything; {@code settings} adds the class's own service settings before it starts. */
    static AttributesHarness start(PipelineInfra infra, String groupId, UnaryOperator<RunningService> settings) {
        for (String topic : List.of(
                Topics.ACCOUNTS_READY,
                Topics.ATTRIBUTES_READY,
                Topics.PIPELINE_FAILED,
                Topics.dlt(Topics.ACCOUNTS_READY))) {
            infra.createTopic(topic, 2, Map.of());
        }
        FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.builder().build());
        PipelineTopics topics = null;
        try {
            topics = new PipelineTopics(infra.bootstrapServers(), infra.schemaRegistryUrl());
            RunningService service = settings.apply(new RunningService(
                            infra.bootstrapServers(), infra.schemaRegistryUrl(), sandbox.baseUrl(), groupId))
                    .start();
            return new AttributesHarness(sandbox, topics, service);
        } catch (RuntimeException e) {
            if (topics != null) {
                try {
                    topics.close();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            sandbox.close();
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        service.close();
        topics.close();
        sandbox.close();
    }
}
