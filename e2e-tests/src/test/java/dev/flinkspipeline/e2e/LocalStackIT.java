package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.tools.stack.ApicurioRegistry;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import dev.flinkspipeline.tools.stack.ServiceJars;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The stack itself: every part that has code runs as its own process, healthy, with the intended topics. */
@Order(1)
@ExtendWith(E2eStack.class)
class LocalStackIT {

    @Test
    void everyPartWithCodeRunsAsItsOwnProcessWithALogFile() {
        LocalStack stack = E2eStack.stack();
        ServiceJars jars = new ServiceJars(E2eStack.projectRoot());
        List<Long> pids = new ArrayList<>();
        for (Component component : Component.values()) {
            if (!jars.isRunnable(component)) {
                continue;
            }
            assertThat(stack.isRunning(component))
                    .as(component.label() + " running")
                    .isTrue();
            assertThat(Files.exists(stack.logFile(component)))
                    .as(component.label() + " log")
                    .isTrue();
            pids.add(stack.process(component).orElseThrow().pid());
        }
        assertThat(pids)
                .doesNotHaveDuplicates()
                .doesNotContain(ProcessHandle.current().pid());
    }

    @Test
    void topicsHaveTheirIntendedSettings() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, E2eStack.stack().bootstrapServers()))) {
            List<String> names = new ArrayList<>(Topics.ALL);
            names.add(ApicurioRegistry.JOURNAL_TOPIC);
            Topics.ALL.forEach(t -> names.add(Topics.dlt(t)));
            Map<String, TopicDescription> topics =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String topic : Topics.ALL) {
                assertThat(topics.get(topic).partitions()).as(topic).hasSize(3);
            }
            assertThat(topics.get(ApicurioRegistry.JOURNAL_TOPIC).partitions()).hasSize(1);

            ConfigResource journal = new ConfigResource(ConfigResource.Type.TOPIC, ApicurioRegistry.JOURNAL_TOPIC);
            ConfigResource accounts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACCOUNTS_READY);
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(journal, accounts)).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.get(journal).get("retention.ms").value()).isEqualTo("-1");
            assertThat(Integer.parseInt(
                            configs.get(accounts).get("max.message.bytes").value()))
                    .isGreaterThanOrEqualTo(8 * 1024 * 1024);
        }
    }

    @Test
    void registryAndSandboxAnswerOverHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        LocalStack stack = E2eStack.stack();
        HttpResponse<String> subjects = http.send(
                HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).startsWith("[");
        HttpResponse<String> sandbox = http.send(
                HttpRequest.newBuilder(URI.create(stack.sandboxUrl() + "/sandbox/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sandbox.statusCode()).isEqualTo(200);
    }
}
