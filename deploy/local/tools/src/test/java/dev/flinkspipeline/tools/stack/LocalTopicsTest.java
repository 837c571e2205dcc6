package dev.flinkspipeline.tools.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.schemas.Topics;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LocalTopicsTest {

    private final Map<String, LocalTopics.TopicSpec> plan = LocalTopics.localStack(3).stream()
            .collect(Collectors.toMap(LocalTopics.TopicSpec::name, Function.identity()));

    @Test
    void registryJournalIsASinglePartitionKeptForever() {
        for (String topic : new String[] {ApicurioRegistry.JOURNAL_TOPIC, ApicurioRegistry.SNAPSHOTS_TOPIC}) {
            LocalTopics.TopicSpec journal = plan.get(topic);
            assertThat(journal.partitions()).as(topic).isEqualTo(1);
            assertThat(journal.configs())
                    .as(topic)
                    .containsEntry("cleanup.policy", "delete")
                    .containsEntry("retention.ms", "-1")
                    .containsEntry("retention.bytes", "-1");
        }
    }

    @Test
    void everyPipelineTopicAndItsDeadLetterTopicExistWithTheSamePartitions() {
        for (String topic : Topics.ALL) {
            assertThat(plan.get(topic).partitions()).isEqualTo(3);
            assertThat(plan.get(Topics.dlt(topic)).partitions()).isEqualTo(3);
        }
    }

    @Test
    void theServicesInternalTopicsAreCreatedHereSinceTheServicesCreateNone() {
        for (String topic : new String[] {
            Topics.POLLER_LOGINS_SEEN,
            Topics.POLLER_WEBHOOK_WAIT,
            Topics.POLLER_ACCOUNTS_SEEN,
            Topics.ATTRIBUTES_SNAPSHOTS,
            Topics.ATTRIBUTES_SCHEDULED,
            Topics.INGEST_TAG_BINDINGS
        }) {
            assertThat(plan).as(topic).containsKey(topic);
            assertThat(plan.get(topic).configs()).as(topic).containsEntry("min.insync.replicas", "1");
        }
        // Co-partitioned with login-received and accounts-ready: the same count.
        assertThat(plan.get(Topics.POLLER_LOGINS_SEEN).partitions()).isEqualTo(3);
        assertThat(plan.get(Topics.ATTRIBUTES_SNAPSHOTS).partitions()).isEqualTo(3);
        assertThat(plan.get(Topics.POLLER_LOGINS_SEEN).configs()).containsEntry("cleanup.policy", "compact,delete");
    }

    @Test
    void accountStateIsCompactedAndTheOtherTopicsAreNot() {
        assertThat(plan.get(Topics.ACCOUNT_STATE).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(plan.get(Topics.ACCOUNT_TRANSACTIONS).configs()).containsEntry("cleanup.policy", "delete");
        assertThat(plan.get(Topics.ACCOUNTS_READY).configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void fullPayloadTopicsAcceptLargeRecords() {
        for (String topic : new String[] {
            Topics.ACCOUNTS_READY, Topics.KYC_RECEIVED, Topics.WEBHOOK_UNHANDLED, Topics.dlt(Topics.ACCOUNTS_READY)
        }) {
            assertThat(Integer.parseInt(plan.get(topic).configs().get("max.message.bytes")))
                    .as(topic)
                    .isGreaterThanOrEqualTo(8 * 1024 * 1024);
        }
    }

    @Test
    void ephemeralPortsAreDistinctAndFree() {
        StackPorts ports = StackPorts.ephemeral();
        assertThat(Set.of(
                        ports.kafka(),
                        ports.controller(),
                        ports.registry(),
                        ports.registryManagement(),
                        ports.sandbox(),
                        ports.ingest(),
                        ports.poller(),
                        ports.attributes(),
                        ports.streams()))
                .hasSize(9);
        assertThat(StackPorts.isFree("127.0.0.1", ports.kafka())).isTrue();
    }
}
