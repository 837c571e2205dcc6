package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.attributes.AttributesServiceApplication;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.SecuredPipeline;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
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

    private static ServiceHarness harness;
    private static PipelineTopics topics;

    @BeforeAll
    static void start() {
        Map<String, Object> asAttributes = SecuredPipeline.prepare(infra, Principals.ATTRIBUTES);
        harness = ServiceHarness.of(AttributesServiceApplication.class, infra)
                .sandbox(SandboxConfig.builder().build())
                .settings(AttributesService.settings("flinks-attributes"))
                .with("pipeline.job.topics.create", "false")
                .settings(asAttributes)
                .start();
        topics = harness.own(new PipelineTopics(infra.broker().clientProperties(), infra.schemaRegistryUrl()));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void anAccountsReadyBecomesAttributesReadyUnderTheServicesPrincipal() {
        CreatedLogin login = harness.admin().createLogin(0);
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
