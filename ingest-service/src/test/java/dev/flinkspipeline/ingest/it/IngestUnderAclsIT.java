package dev.flinkspipeline.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged ingest service on a secured broker as in production (SASL_SSL, SCRAM-SHA-512, ACLs enforced), as
 * its own principal with exactly the access plan's rights, on the plan's topics: a Connect callback is bound
 * (its tag-binding claim written and read back) and its LoginReceived lands; the principal is refused what it
 * does not own.
 */
class IngestUnderAclsIT {

    private static final String TAG_SECRET = "it-tag-secret-0123456789";

    private static PipelineInfra infra;
    private static IngestProcess ingest;
    private final TagSigner signer = new TagSigner(List.of(TAG_SECRET), Duration.ofMinutes(10), Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        infra = new PipelineInfra().withSaslSsl().start();
        KafkaBroker broker = infra.broker();
        Sizing oneBroker = Sizing.singleBroker(2);
        for (TopicSpec topic : TopicPlan.all()) {
            infra.createTopic(topic.name(), topic.partitions(oneBroker), topic.configs(oneBroker));
        }
        broker.addUser(Principals.INGEST);
        broker.createAcls(Principals.access(Principals.INGEST).aclBindings());

        Map<String, Object> client = broker.clientProperties(Principals.INGEST);
        Map<String, String> settings = new HashMap<>(IngestProcess.requiredSettings());
        // Quarkus' kafka.* settings: every one reaches ingest's producer, admin and tag-binding reader.
        for (String key : List.of(
                "bootstrap.servers",
                "security.protocol",
                "sasl.mechanism",
                "sasl.jaas.config",
                "ssl.truststore.location",
                "ssl.truststore.password",
                "ssl.truststore.type")) {
            settings.put("kafka." + key, String.valueOf(client.get(key)));
        }
        settings.put("kafka.schema.registry.url", infra.schemaRegistryUrl());
        settings.put("kafka.auto.register.schemas", "true");
        settings.put("ingest.tag.secrets", TAG_SECRET);
        settings.put("ingest.connect.ack-timeout", "10s");
        settings.put("ingest.tag-bindings.create-topic", "false");
        ingest = IngestProcess.start("ingest-under-acls", settings).awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {ingest, infra}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aConnectCallbackIsBoundAndItsLoginReceivedLandsUnderTheServicesPrincipal() {
        String tag = signer.sign("user-under-acls", FlinksFlow.STANDARD).value();
        String login = UUID.randomUUID().toString();

        given().baseUri(ingest.baseUrl())
                .queryParam("loginId", login)
                .queryParam("institution", "FlinksCapital")
                .queryParam("tag", tag)
                .post("/connect/callback/store")
                .then()
                .statusCode(200);

        assertThat(keysOn(Topics.LOGIN_RECEIVED)).contains(login);
        assertThat(keysOn(Topics.INGEST_TAG_BINDINGS)).isNotEmpty();
    }

    @Test
    void itsPrincipalMayNotWriteAnotherServicesTopic() {
        Map<String, Object> props = new HashMap<>(infra.broker().clientProperties(Principals.INGEST));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.POLL_SCHEDULED, "k", new byte[1]))
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void itsPrincipalMayNotReadTheEventsItWrites() {
        Map<String, Object> props = new HashMap<>(infra.broker().clientProperties(Principals.INGEST));
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.LOGIN_RECEIVED, 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(15)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Every key on {@code topic}, read as the super user, waiting up to 30 s for the first ones. */
    private static List<String> keysOn(String topic) {
        Map<String, Object> props = new HashMap<>(infra.broker().clientProperties());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int emptyPolls = 0;
            while (System.nanoTime() < deadline && (keys.isEmpty() || emptyPolls < 2)) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }
}
