package dev.flinkspipeline.streams.it;

import static dev.flinkspipeline.streams.Snapshots.account;
import static dev.flinkspipeline.streams.Snapshots.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.streams.Snapshots;
import dev.flinkspipeline.streams.config.KafkaStreamsHealthIndicator;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.SpringService;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The Spring Boot application for real, exactly once, against a real KRaft broker: AccountsReady in, both output
 * topics read read_committed, and a restart of the application (on an empty state directory, so its stores come
 * back from their changelogs) between a first and a later snapshot, with a redelivery of the first.
 */
class AccountsStreamsAppTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final String LOGIN_1 = "5e0d7a4c-0000-4000-8000-000000000001";
    private static final String LOGIN_2 = "5e0d7a4c-0000-4000-8000-000000000002";
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

    private static KafkaConsumer<String, Object> reader;
    private static final List<ConsumerRecord<String, Object>> states = new ArrayList<>();
    private static final List<ConsumerRecord<String, Object>> transactions = new ArrayList<>();

    @BeforeAll
    static void topics() {
        infra.createTopic(Topics.ACCOUNTS_READY, 3);
        infra.createTopic(Topics.dlt(Topics.ACCOUNTS_READY), 3);
    }

    @AfterAll
    static void closeReader() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void splitsSnapshotsExactlyOnceAcrossARestart(@TempDir Path firstStateDir, @TempDir Path secondStateDir)
            throws Exception {
        AccountsReady first = Snapshots.of(
                LOGIN_1,
                T1,
                List.of(
                        account(
                                "acc-1",
                                "100",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t2", "2026-11-30", "5", "COFFEE")),
                        account("acc-2", "50", debit("t3", "2026-11-15", "20", "GROCER"))));
        AccountsReady otherLogin =
                Snapshots.of(LOGIN_2, T1, List.of(account("acc-3", "10", debit("t4", "2026-11-20", "1", "GUM"))));
        AccountsReady later = Snapshots.of(
                LOGIN_1,
                T2,
                List.of(
                        account(
                                "acc-1",
                                "85",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t2", "2026-11-30", "5", "COFFEE"),
                                debit("t5", "2026-12-01", "3", "BUS")),
                        account("acc-2", "50", debit("t3", "2026-11-15", "20", "GROCER"))));

        try (SpringService app = AccountsStreamsService.startIn(
                AccountsStreamsService.app(infra, "accounts-streams-it"), firstStateDir)) {
            StreamsConfig streamsConfig = new StreamsConfig(
                    app.context().getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration());
            assertThat(streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                    .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
            // what the application's consumer of flinks.accounts-ready gets from these settings
            assertThat(streamsConfig
                            .getMainConsumerConfigs("accounts-streams-it", "client", 0)
                            .get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
                    .isEqualTo("read_committed");
            produce(first, otherLogin);
            awaitRecords(3, 4);
            assertThat(app.context()
                            .getBean(KafkaStreamsHealthIndicator.class)
                            .health()
                            .getStatus()
                            .getCode())
                    .isEqualTo("UP");
            // Kafka Streams' own metrics reach the Prometheus endpoint through Spring Boot's Micrometer binding
            assertThat(app.context().getBean(MeterRegistry.class).getMeters())
                    .anySatisfy(m -> assertThat(m.getId().getName()).startsWith("kafka.stream.thread"));
            app.stop();

            produce(later, first); // the later snapshot, then the first one redelivered
            AccountsStreamsService.startIn(app, secondStateDir);
            awaitRecords(5, 5);
            readFor(Duration.ofSeconds(3)); // nothing more comes
        }

        assertThat(states).hasSize(5);
        assertThat(transactions).hasSize(5);
        assertThat(transactions)
                .extracting(r -> r.key() + "/" + ((AccountTransaction) r.value()).getTransactionKey())
                .containsExactlyInAnyOrder("acc-1/t1", "acc-1/t2", "acc-1/t5", "acc-2/t3", "acc-3/t4");
        assertThat(transactions)
                .extracting(r -> ((AccountTransaction) r.value()).getEventId())
                .doesNotHaveDuplicates();
        assertThat(states)
                .extracting(r -> ((AccountState) r.value()).getEventId())
                .doesNotHaveDuplicates();

        Map<String, AccountState> latest = new HashMap<>();
        states.forEach(r -> latest.put(r.key(), (AccountState) r.value()));
        assertThat(latest.get("acc-1").getAccount().getBalance().getCurrent()).isEqualByComparingTo("85");
        assertThat(latest.get("acc-1").getSnapshotEventId()).isEqualTo(later.getEventId());
        assertThat(latest.get("acc-3").getLoginId()).isEqualTo(LOGIN_2);
        for (ConsumerRecord<String, Object> record : states) {
            CloudEventHeaders ce = CloudEventHeaders.read(record.headers()).orElseThrow();
            assertThat(ce.type()).isEqualTo("dev.flinkspipeline.AccountState");
            assertThat(ce.id()).isEqualTo(((AccountState) record.value()).getEventId());
        }
        // one account's transactions in one partition, in date order
        List<String> acc1 = transactions.stream()
                .filter(r -> r.key().equals("acc-1"))
                .map(r -> ((AccountTransaction) r.value()).getTransactionKey())
                .toList();
        assertThat(acc1).containsExactly("t1", "t2", "t5");
        assertThat(transactions.stream()
                        .filter(r -> r.key().equals("acc-1"))
                        .map(ConsumerRecord::partition)
                        .distinct())
                .hasSize(1);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            ConfigResource stateTopic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACCOUNT_STATE);
            ConfigEntry policy = admin.describeConfigs(List.of(stateTopic))
                    .all()
                    .get()
                    .get(stateTopic)
                    .get("cleanup.policy");
            assertThat(policy.value()).isEqualTo("compact");
        }
    }

    private static void produce(AccountsReady... snapshots) throws Exception {
        Map<String, Object> config = new HashMap<>(infra.clientProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config)) {
            for (AccountsReady snapshot : snapshots) {
                ProducerRecord<String, Object> record =
                        new ProducerRecord<>(Topics.ACCOUNTS_READY, snapshot.getLoginId(), snapshot);
                CloudEventHeaders.forEvent(snapshot, "/test", snapshot.getReceivedAt())
                        .writeTo(record.headers());
                producer.send(record).get();
            }
        }
    }

    private static void awaitRecords(int stateCount, int transactionCount) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).untilAsserted(() -> {
            readFor(Duration.ofMillis(500));
            assertThat(states).hasSizeGreaterThanOrEqualTo(stateCount);
            assertThat(transactions).hasSizeGreaterThanOrEqualTo(transactionCount);
        });
    }

    private static void readFor(Duration duration) {
        if (reader == null) {
            Properties config = new Properties();
            config.putAll(infra.clientProperties());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "accounts-streams-it-reader");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            reader = new KafkaConsumer<>(
                    config,
                    new StringDeserializer(),
                    AvroDeserializer.create(
                            Map.of("schema.registry.url", infra.schemaRegistryUrl(), "specific.avro.reader", true),
                            false));
        }
        if (reader.subscription().isEmpty()) {
            reader.subscribe(List.of(Topics.ACCOUNT_STATE, Topics.ACCOUNT_TRANSACTIONS));
        }
        for (ConsumerRecord<String, Object> record : reader.poll(duration)) {
            (record.topic().equals(Topics.ACCOUNT_STATE) ? states : transactions).add(record);
        }
    }
}
