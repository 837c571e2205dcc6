package dev.flinkspipeline.ingest.binding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances (each its own producer, tail and ledger) claiming the same Connect sessions for
 * different logins at the same moment, on a real broker: for every session exactly one login wins, both
 * instances agree on which, and it is the login of the session's first claim in the log.
 */
class TagBindingLogTest {

    private static final String RACE_TOPIC = "tag-bindings-race";
    private static final String CONTENT_TOPIC = "tag-bindings-content";
    private static final KafkaBroker broker = new KafkaBroker();
    private static final ExecutorService executor = Executors.newCachedThreadPool();
    private static final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker.start();
        broker.createTopic(RACE_TOPIC, 3);
        broker.createTopic(CONTENT_TOPIC, 3);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        executor.shutdownNow();
        broker.close();
    }

    @Test
    void twoInstancesRacingForTheSameSessionsAgreeOnTheFirstClaimInTheLog() throws Exception {
        TagBindingLog one = instance(RACE_TOPIC);
        TagBindingLog two = instance(RACE_TOPIC);
        Instant expires = Instant.now().plus(Duration.ofMinutes(30));
        int sessions = 40;
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<BindingDecision>> ofOne = new ArrayList<>();
        List<CompletableFuture<BindingDecision>> ofTwo = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            String session = UUID.randomUUID().toString();
            ids.add(session);
            CompletableFuture<BindingDecision> a = new CompletableFuture<>();
            CompletableFuture<BindingDecision> b = new CompletableFuture<>();
            ofOne.add(a);
            ofTwo.add(b);
            racers.add(racer(go, () -> one.claim(new TagClaim(session, "login-one", "c1", expires)), a));
            racers.add(racer(go, () -> two.claim(new TagClaim(session, "login-two", "c2", expires)), b));
        }
        go.countDown();
        for (Thread t : racers) {
            t.join();
        }

        Map<String, String> firstInLog = firstClaimPerSession(sessions);
        int oneWon = 0;
        for (int i = 0; i < sessions; i++) {
            BindingDecision a = ofOne.get(i).get(20, TimeUnit.SECONDS);
            BindingDecision b = ofTwo.get(i).get(20, TimeUnit.SECONDS);
            String winner = firstInLog.get(ids.get(i));
            assertThat(List.of(a, b))
                    .as("session %d", i)
                    .containsExactlyInAnyOrder(BindingDecision.BOUND, BindingDecision.OTHER_LOGIN);
            assertThat(a.bound() ? "login-one" : "login-two").isEqualTo(winner);
            oneWon += a.bound() ? 1 : 0;
            // Asked again, on either instance, each gives the same answer without writing.
            assertThat(two.claim(new TagClaim(ids.get(i), winner, null, expires))
                            .get(5, TimeUnit.SECONDS))
                    .isEqualTo(BindingDecision.BOUND);
            assertThat(one.claim(new TagClaim(
                                    ids.get(i), winner.equals("login-one") ? "login-two" : "login-one", null, expires))
                            .get(5, TimeUnit.SECONDS))
                    .isEqualTo(BindingDecision.OTHER_LOGIN);
        }
        assertThat(recordCount())
                .as("one claim per instance and session, none for the repeats")
                .isEqualTo(2L * sessions);
        System.out.printf("instance one won %d of %d races%n", oneWon, sessions);

        // A third instance starting later reads the log and decides the same.
        TagBindingLog late = instance(RACE_TOPIC);
        for (int i = 0; i < sessions; i++) {
            String winner = firstInLog.get(ids.get(i));
            String loser = winner.equals("login-one") ? "login-two" : "login-one";
            assertThat(late.claim(new TagClaim(ids.get(i), loser, "c9", expires))
                            .get(20, TimeUnit.SECONDS))
                    .isEqualTo(BindingDecision.OTHER_LOGIN);
            assertThat(late.claim(new TagClaim(ids.get(i), winner, winner.equals("login-one") ? "c1" : "c2", expires))
                            .get(20, TimeUnit.SECONDS))
                    .isEqualTo(BindingDecision.BOUND);
        }
        assertThat(late.caughtUp()).isTrue();
    }

    @Test
    void theSameLoginWithOtherContentIsAConflictOnEveryInstance() throws Exception {
        TagBindingLog one = instance(CONTENT_TOPIC);
        TagBindingLog two = instance(CONTENT_TOPIC);
        Instant expires = Instant.now().plus(Duration.ofMinutes(30));
        String session = UUID.randomUUID().toString();
        assertThat(one.claim(new TagClaim(session, "login", null, expires)).get(20, TimeUnit.SECONDS))
                .as("a relayed failure naming the login binds it")
                .isEqualTo(BindingDecision.BOUND);
        assertThat(two.claim(new TagClaim(session, "login", "c1", expires)).get(20, TimeUnit.SECONDS))
                .isEqualTo(BindingDecision.BOUND);
        assertThat(one.claim(new TagClaim(session, "login", "c2", expires)).get(20, TimeUnit.SECONDS))
                .isEqualTo(BindingDecision.OTHER_CONTENT);
        assertThat(two.claim(new TagClaim(session, "login", "c1", expires)).get(20, TimeUnit.SECONDS))
                .isEqualTo(BindingDecision.BOUND);
        assertThat(two.claim(new TagClaim(session, "another-login", "c1", expires))
                        .get(20, TimeUnit.SECONDS))
                .isEqualTo(BindingDecision.OTHER_LOGIN);
    }

    private static Thread racer(
            CountDownLatch go,
            Supplier<CompletableFuture<BindingDecision>> claim,
            CompletableFuture<BindingDecision> into) {
        Thread t = new Thread(() -> {
            try {
                go.await();
                claim.get().whenComplete((d, e) -> {
                    if (e == null) {
                        into.complete(d);
                    } else {
                        into.completeExceptionally(e);
                    }
                });
            } catch (InterruptedException e) {
                into.completeExceptionally(e);
            }
        });
        t.start();
        return t;
    }

    private static TagBindingLog instance(String topic) {
        Map<String, Object> producerConfig = new HashMap<>(broker.clientProperties());
        producerConfig.put("acks", "all");
        producerConfig.put("enable.idempotence", "true");
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        TagBindingLog log = new TagBindingLog(
                        topic,
                        broker.clientProperties(),
                        record -> send(producer, record),
                        () -> {},
                        new TagBindingLedger(Duration.ofMinutes(5)),
                        Clock.systemUTC(),
                        executor)
                .start();
        closing.add(log);
        closing.add(producer);
        return log;
    }

    private static CompletableFuture<RecordMetadata> send(
            KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> landed = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                landed.complete(metadata);
            } else {
                landed.completeExceptionally(error);
            }
        });
        return landed;
    }

    /** The loginId of each session's first claim, read from the topic as a new consumer would. */
    private static Map<String, String> firstClaimPerSession(int atLeast) {
        Map<String, String> first = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (first.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    ClaimCodec.decode(r.key(), r.value()).ifPresent(c -> first.putIfAbsent(c.sessionId(), c.loginId()));
                }
            }
        }
        return first;
    }

    private static long recordCount() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(consumer.assignment()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(broker.clientProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(RACE_TOPIC, Duration.ofSeconds(10))
                .forEach(p -> partitions.add(new TopicPartition(RACE_TOPIC, p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
