package dev.flinkspipeline.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.RepeatedTest;

class StackPortsTest {

    @RepeatedTest(20)
    void ephemeralPortsAreNineDifferentFreePorts() {
        StackPorts p = StackPorts.ephemeral();

        List<Integer> ports = List.of(
                p.kafka(),
                p.controller(),
                p.registry(),
                p.registryManagement(),
                p.sandbox(),
                p.ingest(),
                p.poller(),
                p.attributes(),
                p.streams());
        assertThat(ports)
                .doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isPositive());
        assertThat(ports)
                .allSatisfy(
                        port -> assertThat(StackPorts.isFree("127.0.0.1", port)).isTrue());
    }
}
