package dev.flinkspipeline.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineInfraTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    @Test
    void brokerAndRegistryServeTheTest() throws Exception {
        InfraChecks.kafkaRoundTrip(infra, "flinks.smoke");
        assertThat(infra.broker().isRunning()).isTrue();
        assertThat(infra.bootstrapServers()).isEqualTo(infra.broker().bootstrapServers());
        assertThat(infra.schemaRegistryUrl()).startsWith("http://127.0.0.1:").isEqualTo(infra.registry().url());
        assertThat(infra.clientProperties()).containsEntry("schema.registry.url", infra.schemaRegistryUrl());

        int id = InfraChecks.register(infra, "flinks.smoke-value");
        assertThat(InfraChecks.get(infra, "/schemas/ids/" + id)).contains("LoginReceived");
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("_schemas", "flinks.smoke");
        }
    }

    @Test
    void restartRegistryKeepsTheUrlAndTheSchemas() throws Exception {
        int id = InfraChecks.register(infra, "flinks.restart-value");
        String url = infra.schemaRegistryUrl();
        var before = infra.registry();

        infra.restartRegistry();

        assertThat(infra.registry()).isNotSameAs(before);
        assertThat(infra.schemaRegistryUrl()).isEqualTo(url);
        assertThat(InfraChecks.get(infra, "/subjects/flinks.restart-value/versions/latest")).contains("\"id\":" + id);
        assertThat(InfraChecks.register(infra, "flinks.restart-value")).isEqualTo(id);
    }
}
