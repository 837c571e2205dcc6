package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.SecuredPipeline;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller on a secured broker as in production (SASL_SSL, SCRAM-SHA-512, ACLs enforced), as its own principal
 * with exactly the rights of the access plan, on the plan's topics (created beforehand, as the cluster's
 * KafkaTopics are): it takes a login through to AccountsReady in a transaction, and its principal is refused what
 * another service owns.
 */
class PollerUnderAclsTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra().withSaslSsl();

    private static final Duration WAIT = Duration.ofSeconds(45);

    private static ServiceHarness harness;

    @BeforeAll
    static void start() {
        Map<String, Object> asPoller = SecuredPipeline.prepare(infra, Principals.POLLER);
        harness = ServiceHarness.of(PollerApplication.class, infra)
                .sandbox(SandboxConfig.builder().pendingPolls(0).build())
                .settings(url -> PollerSettings.of(infra, url, new Scenario("unused")).entrySet().stream()
                        // The plan's topics and groups, under their default names: the ones the ACLs name.
                        .filter(e -> !e.getKey().startsWith("poller.topics.")
                                && !e.getKey().equals("spring.kafka.consumer.group-id"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .with("pipeline.job.topics.create", "false")
                .settings(asPoller)
                .start();
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theServiceTakesALoginToAccountsReadyUnderItsOwnPrincipal() throws Exception {
        SandboxAdminClient admin = harness.admin();
        String loginId = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        Map<String, Object> asAdmin = infra.broker().clientProperties();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                asAdmin,
                new StringSerializer(),
                AvroSerializer.create(Map.of("schema.registry.url", infra.schemaRegistryUrl()), false))) {
            producer.send(new ProducerRecord<>(Topics.LOGIN_RECEIVED, loginId, Logins.login(loginId, List.of())))
                    .get(30, TimeUnit.SECONDS);
        }

        AccountsReady ready = null;
        Map<String, Object> reader = new HashMap<>(asAdmin);
        reader.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        reader.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader");
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(
                reader,
                new StringDeserializer(),
                AvroDeserializer.create(
                        Map.of("schema.registry.url", infra.schemaRegistryUrl(), "specific.avro.reader", true),
                        false))) {
            consumer.subscribe(List.of(Topics.ACCOUNTS_READY));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ready == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (loginId.equals(record.key())) {
                        ready = (AccountsReady) record.value();
                    }
                }
            }
        }
        assertThat(ready)
                .as("AccountsReady of %s, committed by the poller", loginId)
                .isNotNull();
        assertThat(ready.getLoginId()).isEqualTo(loginId);
    }

    @Test
    void itsPrincipalMayNotWriteAnotherServicesTopic() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                asPoller(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000)),
                new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ATTRIBUTES_READY, "k", new byte[1]))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void itsPrincipalMayNotReadInAnotherServicesGroup() {
        Map<String, Object> props = asPoller(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG,
                Principals.ATTRIBUTES_ACCOUNTS_READY_GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"));
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            // The poller may read accounts-ready, but not as attributes' consumer group.
            consumer.subscribe(List.of(Topics.ACCOUNTS_READY));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(15)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void itsPrincipalMayNotUseAnotherServicesTransactionalIds() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                asPoller(Map.of(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        Principals.ATTRIBUTES + "-0-1",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        15_000)),
                new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    private static Map<String, Object> asPoller(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(infra.broker().clientProperties(Principals.POLLER));
        props.putAll(extra);
        return props;
    }
}
