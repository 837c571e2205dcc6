package dev.flinkspipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PipelineInfraTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    @Test
    void brokerAndRegistryServeTheTest() throws Exception {
        InfraChecks.kafkaRoundTrip(infra, "flinks.smoke");
        assertThat(infra.broker().isRunning()).isTrue();
        assertThat(infra.bootstrapServers()).isEqualTo(infra.broker().bootstrapServers());
        assertThat(infra.schemaRegistryUrl()).startsWith("http://127.0.0.1:");
        assertThat(infra.clientProperties()).containsEntry("schema.registry.url", infra.schemaRegistryUrl());

        int id = InfraChecks.register(infra, "flinks.smoke-value");
        assertThat(InfraChecks.get(infra, "/schemas/ids/" + id)).contains("LoginReceived");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("flinks.smoke");
        }
    }
}
