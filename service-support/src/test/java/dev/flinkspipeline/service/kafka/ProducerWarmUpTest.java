package dev.flinkspipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.schemas.serde.SchemaRegistryException;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.registry.TestSchemaRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;

/** The start-time warm-up against a real broker and registry. */
class ProducerWarmUpTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    @Test
    void opensTheTransactionalProducerTheFirstBatchUsesAndRegistersTheSchemaBeforeTheFirstRecord() {
        String topic = "warm-up-test.out";
        infra.createTopic(topic, 1, Map.of());
        Map<String, Object> serde =
                AvroKafka.serdeConfig(PipelineKafkaProperties.ofRegistry(infra.schemaRegistryUrl()));
        SchemaRegistryClient shared = SchemaRegistryClient.fromConfig(serde);
        DefaultKafkaProducerFactory<Object, Object> factory = producerFactory(serde, shared, "warm-up-test-");
        AtomicInteger opened = countOpened(factory);
        SchemaRegistryClient registry = SchemaRegistryClient.fromConfig(serde);
        assertThatThrownBy(() -> registry.lookup(topic + "-value", LoginReceived.getClassSchema()))
                .isInstanceOf(SchemaRegistryException.class);
        try {
            new ProducerWarmUp(
                            factory, AvroKafka.avroValues(serde, shared), Map.of(topic, LoginReceived.getClassSchema()))
                    .run()
                    .join();

            assertThat(opened).hasValue(1);
            assertThat(registry.lookup(topic + "-value", LoginReceived.getClassSchema()))
                    .isPositive();

            KafkaTemplate<Object, Object> template = AvroKafka.template(factory);
            template.executeInTransaction(ops -> ops.send(topic, "login-1", login()));
            assertThat(opened)
                    .as("the first transaction reuses the warmed-up producer")
                    .hasValue(1);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void aSchemaThatCannotBeResolvedIsOnlyAWarningAndTheProducerIsStillOpened() {
        String topic = "warm-up-test.unregistered";
        infra.createTopic(topic, 1, Map.of());
        Map<String, Object> serde =
                new HashMap<>(AvroKafka.serdeConfig(PipelineKafkaProperties.ofRegistry(infra.schemaRegistryUrl())));
        serde.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false); // a lookup of a schema nobody registered: 404
        SchemaRegistryClient shared = SchemaRegistryClient.fromConfig(serde);
        DefaultKafkaProducerFactory<Object, Object> factory = producerFactory(serde, shared, "warm-up-failing-test-");
        AtomicInteger opened = countOpened(factory);
        try {
            new ProducerWarmUp(
                            factory, AvroKafka.avroValues(serde, shared), Map.of(topic, LoginReceived.getClassSchema()))
                    .run()
                    .join();

            assertThat(opened).hasValue(1);
            assertThatThrownBy(() -> SchemaRegistryClient.fromConfig(serde)
                            .lookup(topic + "-value", LoginReceived.getClassSchema()))
                    .isInstanceOf(SchemaRegistryException.class);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void theFirstRecordWrittenAndReadAfterTheWarmUpNeedsNoRegistryCall() {
        String topic = "warm-up-test.registry-away";
        infra.createTopic(topic, 1, Map.of());
        try (TestSchemaRegistry own = TestSchemaRegistry.start()) {
            Map<String, Object> serde = AvroKafka.serdeConfig(PipelineKafkaProperties.ofRegistry(own.url()));
            SchemaRegistryClient shared = SchemaRegistryClient.fromConfig(serde);
            DefaultKafkaProducerFactory<Object, Object> factory =
                    producerFactory(serde, shared, "warm-up-registry-away-test-");
            try {
                new ProducerWarmUp(
                                factory,
                                AvroKafka.avroValues(serde, shared),
                                Map.of(topic, LoginReceived.getClassSchema()))
                        .run()
                        .join();
                own.stop(); // a serde with a registry client of its own would have to ask it now

                SendResult<Object, Object> sent = AvroKafka.template(factory)
                        .executeInTransaction(
                                ops -> ops.send(topic, "login-1", login()).join());

                assertThat(sent.getRecordMetadata().topic()).isEqualTo(topic);
                assertThat(readOne(topic, serde, shared)).isInstanceOf(LoginReceived.class);
            } finally {
                factory.destroy();
            }
        }
    }

    private static DefaultKafkaProducerFactory<Object, Object> producerFactory(
            Map<String, Object> serde, SchemaRegistryClient shared, String transactionIdPrefix) {
        return AvroKafka.transactionalProducerFactory(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()),
                serde,
                shared,
                transactionIdPrefix,
                10_000);
    }

    /** The value of the first record of {@code topic}, read as the service's listeners read (null: unreadable). */
    private static Object readOne(String topic, Map<String, Object> serde, SchemaRegistryClient shared) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infra.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "warm-up-test-reader");
        try (Consumer<Object, Object> consumer =
                AvroKafka.consumerFactory(config, serde, shared).createConsumer()) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("no record on " + topic + " within 20 s");
    }

    private static AtomicInteger countOpened(DefaultKafkaProducerFactory<Object, Object> factory) {
        AtomicInteger opened = new AtomicInteger();
        factory.addListener(new ProducerFactory.Listener<>() {
            @Override
            public void producerAdded(String id, Producer<Object, Object> producer) {
                opened.incrementAndGet();
            }
        });
        return opened;
    }

    private static LoginReceived login() {
        return LoginReceived.newBuilder()
                .setEventId("e-1")
                .setLoginId("login-1")
                .setInstitution("FlinksCapital")
                .setVia(LoginSource.API)
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
