package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The circuit's pause of the listener containers ({@link CredentialsGuard#pauseContainers}) against a real broker
 * and spring-kafka's own containers, together with a listener's partition pauses ({@link PartitionPauser}): a
 * partition resumed during the circuit's pause stays paused, and one still paused on its own stays paused when the
 * circuit resumes.
 */
class ListenerContainersPauseTest {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static final String TOPIC = "circuit-pause";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @EnableKafka
    @Configuration(proxyBeanMethods = false)
    static class Listening {

        @Bean
        ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory() {
            ConcurrentKafkaListenerContainerFactory<String, String> factory =
                    new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "circuit-pause-test",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer()));
            factory.getContainerProperties().setPollTimeout(100);
            return factory;
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    static class Recorder {
        @KafkaListener(id = "circuit-pause", topics = TOPIC)
        void on(String value) {
            received.add(value);
        }
    }

    private AnnotationConfigApplicationContext context;
    private KafkaListenerEndpointRegistry registry;
    private KafkaProducer<String, String> producer;
    private PartitionPauser partitions;
    private CredentialsGuard circuitPause;

    @BeforeEach
    void start() {
        kafka.createTopic(TOPIC, 1);
        context = new AnnotationConfigApplicationContext(Listening.class);
        registry = context.getBean(KafkaListenerEndpointRegistry.class);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
        partitions = new PartitionPauser(registry, Clock.systemUTC(), "test-partition-resumer");
        circuitPause = new CredentialsGuard(
                new CredentialsCircuit(),
                credential -> CompletableFuture.failedFuture(new IllegalStateException("not probed here")),
                registry,
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                new SimpleMeterRegistry());
        send("first");
        await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("first"));
    }

    @AfterEach
    void stop() {
        partitions.close();
        producer.close();
        context.close();
    }

    private void send(String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, 0, "k", value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNotReceivedFor(String value, Duration during) {
        await().pollDelay(during).atMost(during.plusSeconds(1)).until(() -> true);
        assertThat(received).doesNotContain(value);
    }

    @Test
    void aPartitionResumedWhileTheCircuitHoldsTheContainerStaysPausedUntilTheCircuitCloses() {
        circuitPause.pauseContainers();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.getListenerContainer("circuit-pause").isContainerPaused());
        assertThat(circuitPause.pausedContainers()).isEqualTo(1);
        // The listener pauses its partition briefly, as the poller does until a job is due; the resume fires.
        partitions.pauseUntil("circuit-pause", PARTITION, Instant.now().plusMillis(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> partitions.pending() == 0);

        send("during");
        assertNotReceivedFor("during", Duration.ofSeconds(1));

        circuitPause.resumeContainers();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("during"));
        assertThat(circuitPause.pausedContainers()).isZero();
    }

    @Test
    void aPartitionStillPausedOnItsOwnStaysPausedWhenTheCircuitCloses() {
        circuitPause.pauseContainers();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.getListenerContainer("circuit-pause").isContainerPaused());
        partitions.pauseUntil("circuit-pause", PARTITION, Instant.now().plusSeconds(3600));
        circuitPause.resumeContainers();

        send("held");
        assertNotReceivedFor("held", Duration.ofSeconds(1));

        partitions.pauseUntil("circuit-pause", PARTITION, Instant.now()); // due now: resumed
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("held"));
    }

    @Test
    void aContainerAnOperatorPausedIsLeftToTheOperator() {
        registry.getListenerContainer("circuit-pause").pause();

        circuitPause.pauseContainers();
        circuitPause.resumeContainers();

        assertThat(registry.getListenerContainer("circuit-pause").isPauseRequested())
                .isTrue();
    }
}
