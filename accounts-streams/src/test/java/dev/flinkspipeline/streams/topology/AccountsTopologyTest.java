package dev.flinkspipeline.streams.topology;

import static dev.flinkspipeline.streams.Snapshots.account;
import static dev.flinkspipeline.streams.Snapshots.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import dev.flinkspipeline.streams.Snapshots;
import dev.flinkspipeline.streams.snapshot.MarkKeys;
import dev.flinkspipeline.testkit.PipelineInfra;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The topology on Kafka Streams' test driver, with the project's Avro serde against a real registry. */
class AccountsTopologyTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final String LOGIN = "5e0d7a4c-0000-4000-8000-000000000001";
    private static final String OTHER_LOGIN = "5e0d7a4c-0000-4000-8000-000000000002";
    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00.1234567Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(10);
    private static final StreamsTopics TOPICS = StreamsTopics.defaults();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private AvroSerializer serializer;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, Object> states;
    private TestOutputTopic<String, Object> transactions;
    private TestOutputTopic<String, byte[]> deadLetters;

    @BeforeEach
    void startDriver() {
        serializer = AvroSerializer.create(serde(infra.schemaRegistryUrl()), false);
        driver = driver(infra.schemaRegistryUrl());
        input = driver.createInputTopic(TOPICS.accountsReady(), new StringSerializer(), new ByteArraySerializer());
        AvroDeserializer reader = AvroDeserializer.create(serde(infra.schemaRegistryUrl()), false);
        states = driver.createOutputTopic(TOPICS.accountState(), new StringDeserializer(), reader);
        transactions = driver.createOutputTopic(TOPICS.accountTransactions(), new StringDeserializer(), reader);
        deadLetters =
                driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        if (driver != null) {
            driver.close();
        }
    }

    private TopologyTestDriver driver(String registryUrl) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "accounts-streams-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Map<String, Object> serde = serde(registryUrl);
        TopologySettings settings =
                new TopologySettings(TOPICS, RETENTION, Duration.ofHours(1), "/test/accounts-streams");
        return new TopologyTestDriver(
                AccountsTopology.build(
                        settings,
                        AvroDeserializer.create(serde, false),
                        AvroSerializer.create(serde, false),
                        "accounts-streams"),
                config);
    }

    private static Map<String, Object> serde(String registryUrl) {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    }

    private void pipe(AccountsReady snapshot, Instant recordTime) {
        input.pipeInput(new TestRecord<>(
                snapshot.getLoginId(),
                serializer.serialize(TOPICS.accountsReady(), snapshot),
                new RecordHeaders(),
                recordTime));
    }

    @Test
    void keepsTheLatestStateOfEachAccountKeyedByAccountId() {
        AccountsReady first = Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100"), account("acc-2", "50")));
        AccountsReady later = Snapshots.of(LOGIN, T2, List.of(account("acc-1", "93"), account("acc-2", "50")));
        pipe(first, T1);
        pipe(later, T2);

        List<TestRecord<String, Object>> written = states.readRecordsToList();
        assertThat(written).extracting(TestRecord::key).containsExactly("acc-1", "acc-2", "acc-1", "acc-2");
        Map<String, Object> latest =
                written.stream().collect(Collectors.toMap(TestRecord::key, TestRecord::value, (a, b) -> b));
        AccountState acc1 = (AccountState) latest.get("acc-1");
        assertThat(acc1.getAccount().getBalance().getCurrent()).isEqualByComparingTo("93");
        assertThat(acc1.getSnapshotEventId()).isEqualTo(later.getEventId());
        assertThat(acc1.getLoginId()).isEqualTo(LOGIN);

        TestRecord<String, Object> record = written.get(2);
        CloudEventHeaders ce = CloudEventHeaders.read(record.headers()).orElseThrow();
        assertThat(ce.id()).isEqualTo(acc1.getEventId());
        assertThat(ce.type()).isEqualTo("dev.flinkspipeline.AccountState");
        assertThat(ce.source()).isEqualTo("/test/accounts-streams");
        assertThat(ce.time()).isEqualTo(later.getReceivedAt());
        assertThat(record.timestamp()).isEqualTo(T2.toEpochMilli());
    }

    @Test
    void aSnapshotInPartsIsSplitOnceItsLastPartArrivesExactlyAsTheWholeSnapshot() {
        List<Transaction> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // Identical lines without Id: their keys (#2, #3, ...) depend on seeing the whole account at once.
            lines.add(debit(null, "2026-11-" + String.format("%02d", 1 + i % 28), "4", "COFFEE"));
        }
        List<Account> accounts = new ArrayList<>();
        accounts.add(account("acc-big", "100", lines.toArray(Transaction[]::new)));
        for (int a = 0; a < 20; a++) {
            accounts.add(account("acc-" + a, "10", debit("t-" + a, "2026-11-03", "1", "FEE")));
        }
        AccountsReady whole = Snapshots.of(LOGIN, T1, accounts);
        List<AccountsReady> parts = new AccountsReadySplitter(AccountsReadySplitter.MIN_MAX_RECORD_BYTES).split(whole);
        assertThat(parts.size()).isGreaterThan(2);
        assertThat(parts).anyMatch(p -> p.getPart().getContinuesAccount());

        for (int i = 0; i < parts.size() - 1; i++) {
            pipe(parts.get(i), T1);
            assertThat(states.isEmpty())
                    .as("nothing written before the last part")
                    .isTrue();
        }
        pipe(parts.get(parts.size() - 1), T1);
        // The whole snapshot again, e.g. from the other flow: already written.
        pipe(whole, T1.plusSeconds(1));

        List<AccountState> written =
                states.readValuesToList().stream().map(AccountState.class::cast).toList();
        assertThat(written).extracting(AccountState::getAccountId).hasSize(21).doesNotHaveDuplicates();
        assertThat(written).extracting(AccountState::getSnapshotEventId).containsOnly(whole.getEventId());
        assertThat(written.get(0).getTransactionCount()).isEqualTo(1000);
        List<AccountTransaction> lines2 = transactions.readValuesToList().stream()
                .map(AccountTransaction.class::cast)
                .toList();
        assertThat(lines2).hasSize(1020);
        assertThat(lines2).extracting(AccountTransaction::getTransactionKey).doesNotHaveDuplicates();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aLastPartWithoutItsEarlierPartsIsDeadLettered() {
        List<Account> accounts = new ArrayList<>();
        for (int a = 0; a < 40; a++) {
            accounts.add(account("acc-" + a, "10", debit("t-" + a, "2026-11-03", "1", "FEE " + "x".repeat(500))));
        }
        List<AccountsReady> parts = new AccountsReadySplitter(AccountsReadySplitter.MIN_MAX_RECORD_BYTES)
                .split(Snapshots.of(LOGIN, T1, accounts));

        pipe(parts.get(parts.size() - 1), T1);

        assertThat(deadLetters.readRecordsToList()).hasSize(1);
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void aTransactionSeenInSeveralSnapshotsOfTheLoginIsWrittenOnce() {
        pipe(
                Snapshots.of(
                        LOGIN,
                        T1,
                        List.of(account(
                                "acc-1",
                                "100",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t2", "2026-11-30", "5", "COFFEE")))),
                T1);
        pipe(
                Snapshots.of(
                        LOGIN,
                        T2,
                        List.of(account(
                                "acc-1",
                                "88",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t2", "2026-11-30", "5", "COFFEE"),
                                debit("t3", "2026-12-01", "3", "BUS")))),
                T2);
        // the first snapshot once more (a redelivery, a re-drive): nothing new
        pipe(
                Snapshots.of(
                        LOGIN,
                        T1,
                        List.of(account(
                                "acc-1",
                                "100",
                                debit("t1", "2026-11-02", "7", "BOOK"),
                                debit("t2", "2026-11-30", "5", "COFFEE")))),
                T2.plusSeconds(60));

        List<KeyValue<String, Object>> written = transactions.readKeyValuesToList();
        assertThat(written).extracting(kv -> kv.key).containsOnly("acc-1");
        assertThat(written)
                .extracting(kv -> ((AccountTransaction) kv.value).getTransactionKey())
                .containsExactly("t1", "t2", "t3");
        assertThat(states.readRecordsToList()).hasSize(2);
    }

    @Test
    void aTransactionWhoseContentChangedIsWrittenAgainWithTheNextRevision() {
        pipe(Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "POS 1234")))), T1);
        pipe(Snapshots.of(LOGIN, T2, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOKSHOP")))), T2);

        List<AccountTransaction> written = transactions.readValuesToList().stream()
                .map(AccountTransaction.class::cast)
                .toList();
        assertThat(written).extracting(AccountTransaction::getRevision).containsExactly(1, 2);
        assertThat(written.get(1).getTransaction().getDescription()).isEqualTo("BOOKSHOP");
        assertThat(written.get(0).getEventId()).isNotEqualTo(written.get(1).getEventId());
    }

    @Test
    void recordsThatCannotBeSplitGoToTheDeadLetterTopicWithTheReasonAndTheNextOnesAreSplit() {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema =
                ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        byte[] twoAccountsOneId = serializer.serialize(
                TOPICS.accountsReady(), Snapshots.of(LOGIN, T1, List.of(account("acc-1", "1"), account("acc-1", "2"))));
        LoginReceived otherEvent = LoginReceived.newBuilder()
                .setEventId("e")
                .setLoginId(LOGIN)
                .setInstitution("x")
                .setVia(LoginSource.API)
                .setReceivedAt(T1)
                .build();
        Headers headers = new RecordHeaders().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(new TestRecord<>(LOGIN, garbage, headers, T1));
        input.pipeInput(LOGIN, unknownSchema, T1);
        input.pipeInput(LOGIN, twoAccountsOneId, T1);
        // a record meant for another topic (its own subject there), written here by mistake
        input.pipeInput(LOGIN, serializer.serialize("flinks.login-received", otherEvent), T1);
        pipe(Snapshots.of(LOGIN, T2, List.of(account("acc-1", "93", debit("t1", "2026-11-02", "7", "BOOK")))), T2);

        List<TestRecord<String, byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(4);
        assertThat(letters).extracting(TestRecord::key).containsOnly(LOGIN);
        assertThat(letters.get(0).value()).isEqualTo(garbage);
        assertThat(reason(letters.get(0))).startsWith("undecodable AccountsReady: Unknown magic byte");
        assertThat(text(letters.get(0).headers(), "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(text(letters.get(0).headers(), DeadLetterHeaders.ORIGINAL_TOPIC))
                .isEqualTo(TOPICS.accountsReady());
        assertThat(ByteBuffer.wrap(letters.get(1)
                                .headers()
                                .lastHeader(DeadLetterHeaders.ORIGINAL_OFFSET)
                                .value())
                        .getLong())
                .isEqualTo(1);
        assertThat(text(letters.get(0).headers(), DeadLetterHeaders.APPLICATION))
                .isEqualTo("accounts-streams");
        assertThat(reason(letters.get(1))).startsWith("undecodable AccountsReady: Unknown schema id 987654");
        assertThat(reason(letters.get(2)))
                .isEqualTo("malformed AccountsReady: account Id acc-1 appears twice in the snapshot");
        assertThat(reason(letters.get(3))).isEqualTo("not an AccountsReady: dev.flinkspipeline.events.LoginReceived");

        assertThat(states.readValuesToList())
                .singleElement()
                .satisfies(s -> assertThat(((AccountState) s).getLastRefresh()).isEqualTo(T2));
        assertThat(transactions.readValuesToList()).hasSize(1);
    }

    @Test
    void aRegistryThatCannotBeReachedFailsTheTaskInsteadOfDeadLetteringTheRecord() {
        driver.close();
        driver = driver("http://127.0.0.1:9"); // discard port: nothing listens
        TestInputTopic<String, byte[]> unreachable =
                driver.createInputTopic(TOPICS.accountsReady(), new StringSerializer(), new ByteArraySerializer());
        byte[] snapshot =
                serializer.serialize(TOPICS.accountsReady(), Snapshots.of(LOGIN, T1, List.of(account("acc-1", "1"))));

        assertThatThrownBy(() -> unreachable.pipeInput(LOGIN, snapshot, T1)).hasStackTraceContaining("unreachable");
        assertThat(driver.createOutputTopic(TOPICS.deadLetter(), new StringDeserializer(), new ByteArrayDeserializer())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void marksOfAccountsAndTransactionsNotSeenForTheRetentionAreForgotten() {
        pipe(Snapshots.of(LOGIN, T1, List.of(account("acc-1", "100", debit("t1", "2026-11-02", "7", "BOOK")))), T1);
        KeyValueStore<String, String> transactionMarks = driver.getKeyValueStore(AccountsTopology.TRANSACTION_MARKS);
        KeyValueStore<String, String> accountMarks = driver.getKeyValueStore(AccountsTopology.ACCOUNT_MARKS);
        assertThat(transactionMarks.get(MarkKeys.transaction(LOGIN, "acc-1", "t1")))
                .isNotNull();

        // another login's snapshot moves stream time past the retention: the cleanup runs
        Instant muchLater = T1.plus(RETENTION).plus(Duration.ofHours(2));
        pipe(
                Snapshots.of(
                        OTHER_LOGIN, muchLater, List.of(account("acc-9", "1", debit("t9", "2027-01-01", "1", "GUM")))),
                muchLater);

        assertThat(transactionMarks.get(MarkKeys.transaction(LOGIN, "acc-1", "t1")))
                .isNull();
        assertThat(accountMarks.get(MarkKeys.account(LOGIN, "acc-1"))).isNull();
        assertThat(transactionMarks.get(MarkKeys.transaction(OTHER_LOGIN, "acc-9", "t9")))
                .isNotNull();
        assertThat(accountMarks.approximateNumEntries()).isEqualTo(1);
    }

    private static String reason(TestRecord<String, byte[]> letter) {
        return text(letter.headers(), DeadLetterHeaders.REASON);
    }

    private static String text(Headers headers, String key) {
        return headers.lastHeader(key) == null
                ? null
                : new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
    }
}
