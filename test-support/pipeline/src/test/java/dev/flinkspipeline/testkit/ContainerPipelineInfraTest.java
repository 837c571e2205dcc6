package dev.flinkspipeline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs where Docker exists; skipped (not failed) elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineInfraTest {

    @RegisterExtension
    static final ContainerPipelineInfra infra = new ContainerPipelineInfra();

    @Test
    void containerKafkaAndRegistryServeTheTest() throws Exception {
        InfraChecks.kafkaRoundTrip(infra, "flinks.container-smoke");
        int id = InfraChecks.register(infra, "flinks.container-smoke-value");
        assertThat(InfraChecks.get(infra, "/schemas/ids/" + id)).contains("LoginReceived");
    }
}
