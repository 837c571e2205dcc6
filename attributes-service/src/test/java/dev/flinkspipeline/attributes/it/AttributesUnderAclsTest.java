package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * attributes-service on a secured broker as in production (SASL_SSL, SCRAM-SHA-512, ACLs enforced), as its own
 * principal with exactly the access plan's rights, on the plan's topics under their default names and groups:
 * an AccountsReady becomes AttributesReady through its transactions, and its principal may not write what the
 * poller owns.
 */
class AttributesUnderAclsTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra().withSaslSsl();

    private static FlinksSandbox sandbox;
    private static PipelineTopics topics;
    private static RunningService service;

    @BeforeAll
    static void start() {
        KafkaBroker broker = infra.broker();
        Sizing oneBroker = Sizing.singleBroker(2);
        for (TopicSpec topic : TopicPlan.all()) {
            infra.createTopic(topic.name(), topic.partitions(oneBroker), topic.configs(oneBroker));
        }
        broker.addUser(Principals.ATTRIBUTES);
        broker.createAcls(Principals.access(Principals.ATTRIBUTES).aclBindings());

        sandbox = FlinksSandbox.start(SandboxConfig.builder().build());
        topics = new PipelineTopics(broker.clientProperties(), infra.schemaRegistryUrl());
        Map<String, Object> client = broker.clientProperties(Principals.ATTRIBUTES);
        service = new RunningService(
                        infra.bootstrapServers(), infra.schemaRegistryUrl(), sandbox.baseUrl(), "flinks-attributes")
                .with("attributes.topics.create", "false")
                // Transactional ids start with the pod's name in the cluster; the ACL allows that prefix only.
                .with("pipeline.kafka.transaction-id-prefix", Principals.ATTRIBUTES + "-0-")
                .with("spring.kafka.security.protocol", client.get("security.protocol"))
                .with("spring.kafka.properties.sasl.mechanism", client.get("sasl.mechanism"))
                .with("spring.kafka.properties.sasl.jaas.config", client.get("sasl.jaas.config"))
                .with("spring.kafka.ssl.trust-store-location", "file:" + client.get("ssl.truststore.location"))
                .with("spring.kafka.ssl.trust-store-password", client.get("ssl.truststore.password"))
                .with("spring.kafka.ssl.trust-store-type", client.get("ssl.truststore.type"))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (topics != null) {
            topics.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void anAccountsReadyBecomesAttributesReadyUnderTheServicesPrincipal() {
        CreatedLogin login = new SandboxAdminClient(sandbox.baseUrl()).createLogin(0);
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                Instant.now(),
                Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600),
                login.accountIds()));

        await().atMost(Duration.ofSeconds(45))
                .until(() -> !topics.attributesReadyOf(login.loginId()).isEmpty());
        AttributesReady ready = topics.attributesReadyOf(login.loginId()).get(0);
        assertThat(ready.getLoginId()).isEqualTo(login.loginId());
    }

    @Test
    void itsPrincipalMayNotWriteThePollersTopics() {
        Map<String, Object> props = new HashMap<>(infra.broker().clientProperties(Principals.ATTRIBUTES));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ACCOUNTS_READY, "k", new byte[1]))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }
}
