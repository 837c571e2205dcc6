package dev.flinkspipeline.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InstancesTest {

    private final StackConfig twoEach =
            StackConfig.builder(Path.of("/project")).instances(2).build();

    @Test
    void theServicesRunTheConfiguredInstancesAndTheInfrastructureOne() {
        assertThat(twoEach.instancesOf(Component.POLLER))
                .containsExactly(new Instance(Component.POLLER, 1), new Instance(Component.POLLER, 2));
        assertThat(twoEach.instancesOf(Component.KAFKA)).containsExactly(Instance.first(Component.KAFKA));
        assertThat(twoEach.instancesOf(Component.SANDBOX)).containsExactly(Instance.first(Component.SANDBOX));
        assertThatThrownBy(() -> new Instance(Component.REGISTRY, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackConfig.builder(Path.of("/p")).instances(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFirstInstanceKeepsTheSingleInstanceNamesAndFurtherOnesAreNumbered() {
        assertThat(new Instance(Component.INGEST, 1).label()).isEqualTo("ingest");
        assertThat(new Instance(Component.INGEST, 2).label()).isEqualTo("ingest-2");
        assertThat(twoEach.streamsStateDir(1)).isEqualTo(Path.of("/project/.local/streams"));
        assertThat(twoEach.streamsStateDir(2)).isEqualTo(Path.of("/project/.local/streams-2"));
    }

    @Test
    void documentedPortsOfFurtherInstancesStepByAHundred() {
        InstancePorts ports = new InstancePorts(StackPorts.defaults());
        assertThat(ports.of(new Instance(Component.INGEST, 1))).isEqualTo(8080);
        assertThat(ports.of(new Instance(Component.INGEST, 2))).isEqualTo(8180);
        assertThat(ports.of(new Instance(Component.POLLER, 2))).isEqualTo(8182);
        assertThat(ports.of(new Instance(Component.ATTRIBUTES, 3))).isEqualTo(8283);
        assertThat(ports.of(new Instance(Component.STREAMS, 2))).isEqualTo(8184);
    }

    @Test
    void ephemeralPortsOfFurtherInstancesAreDistinctAndKeptForARestart() {
        StackPorts stack = StackPorts.ephemeral();
        InstancePorts ports = new InstancePorts(stack);
        Set<Integer> seen = new HashSet<>();
        for (Component component : List.of(Component.INGEST, Component.POLLER, Component.ATTRIBUTES)) {
            for (int n = 1; n <= 3; n++) {
                assertThat(seen.add(ports.of(new Instance(component, n))))
                        .as(component + " " + n)
                        .isTrue();
            }
        }
        int second = ports.of(new Instance(Component.INGEST, 2));
        assertThat(ports.of(new Instance(Component.INGEST, 2))).isEqualTo(second);
        assertThat(stack.uses(second)).isFalse();
    }

    @Test
    void transactionalIdPrefixesAreDistinctBetweenInstancesAndStableForOne() {
        assertThat(ComponentLaunches.transactionIdPrefix(new Instance(Component.POLLER, 1)))
                .isEqualTo("poller-local-1-");
        assertThat(ComponentLaunches.transactionIdPrefix(new Instance(Component.POLLER, 2)))
                .isEqualTo("poller-local-2-")
                .isEqualTo(ComponentLaunches.transactionIdPrefix(new Instance(Component.POLLER, 2)));
        assertThat(ComponentLaunches.transactionIdPrefix(new Instance(Component.ATTRIBUTES, 2)))
                .isEqualTo("attributes-local-2-");
    }
}
