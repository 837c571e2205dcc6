package dev.flinkspipeline.streams.topology;

import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The application's topology: AccountsReady (key loginId) → {@link SnapshotSplitter} (two persistent, changelogged
 * stores of what was written) → AccountState and AccountTransaction (key accountId), or the dead-letter topic.
 *
 * <pre>
 *   accounts-ready ─▶ split-snapshot ─┬─▶ account-state
 *                       │ account-marks      ├─▶ account-transactions
 *                       │ transaction-marks  └─▶ accounts-ready.DLT
 *                       │ snapshot-parts
 * </pre>
 *
 * No repartition: a login's marks stay in the task of its input partition, and the outputs are only written.
 */
public final class AccountsTopology {

    public static final String SOURCE = "accounts-ready";
    public static final String SPLITTER = "split-snapshot";
    public static final String ACCOUNT_STATE_SINK = "account-state";
    public static final String TRANSACTIONS_SINK = "account-transactions";
    public static final String DEAD_LETTER_SINK = "dead-letter";
    /** Per login and account: the snapshot the written state comes from. */
    public static final String ACCOUNT_MARKS = "account-marks";
    /** Per login, account and transaction key: the written content's fingerprint and revision. */
    public static final String TRANSACTION_MARKS = "transaction-marks";
    /** Parts of snapshots written in parts, until their last part: record bytes by loginId, snapshot and index. */
    public static final String SNAPSHOT_PARTS = "snapshot-parts";

    private AccountsTopology() {}

    /**
     * A new topology.
     *
     * @param accountsReadyDeserializer a configured Avro deserializer giving SpecificRecords
     * @param eventSerializer           a configured Avro serializer for values
     * @param applicationName           names the application in dead letters
     */
    public static Topology build(
            TopologySettings settings,
            Deserializer<Object> accountsReadyDeserializer,
            Serializer<Object> eventSerializer,
            String applicationName) {
        return addTo(new Topology(), settings, accountsReadyDeserializer, eventSerializer, applicationName);
    }

    /** Adds the application's nodes to {@code topology} (e.g. one a framework built) and returns it. */
    public static Topology addTo(
            Topology topology,
            TopologySettings settings,
            Deserializer<Object> accountsReadyDeserializer,
            Serializer<Object> eventSerializer,
            String applicationName) {
        StreamsTopics topics = settings.topics();
        topology.addSource(SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), topics.accountsReady());
        topology.addProcessor(
                SPLITTER, () -> new SnapshotSplitter(settings, accountsReadyDeserializer, applicationName), SOURCE);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(ACCOUNT_MARKS), Serdes.String(), Serdes.String()),
                SPLITTER);
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TRANSACTION_MARKS), Serdes.String(), Serdes.String()),
                SPLITTER);
        // A part is as large as the producers' maximum record size: its changelog takes what the input topic takes.
        topology.addStateStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(SNAPSHOT_PARTS), Serdes.String(), Serdes.ByteArray())
                        .withLoggingEnabled(Map.of(
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                Integer.toString(AccountsReadySplitter.TOPIC_MAX_MESSAGE_BYTES))),
                SPLITTER);
        topology.addSink(ACCOUNT_STATE_SINK, topics.accountState(), new StringSerializer(), eventSerializer, SPLITTER);
        topology.addSink(
                TRANSACTIONS_SINK, topics.accountTransactions(), new StringSerializer(), eventSerializer, SPLITTER);
        topology.addSink(
                DEAD_LETTER_SINK, topics.deadLetter(), new StringSerializer(), new ByteArraySerializer(), SPLITTER);
        return topology;
    }
}
