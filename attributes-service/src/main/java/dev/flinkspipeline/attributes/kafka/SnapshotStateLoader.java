package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.dedup.SnapshotLedger;
import dev.flinkspipeline.attributes.dedup.SnapshotMark;
import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Loads the snapshot state of AccountsReady partitions when they are assigned (before their first record
 * is delivered) and forgets it when they are revoked: the deduplication survives restarts and moves with
 * the partition to whichever instance gets it. Reads {@code read_committed}, so it sees exactly the states
 * whose outcomes committed.
 */
public final class SnapshotStateLoader implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(SnapshotStateLoader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String accountsReadyTopic;
    private final String snapshotsTopic;
    private final SnapshotLedger ledger;
    private final Map<String, Object> consumerConfig;
    private final Supplier<Deserializer<Object>> valueDeserializer;
    private final Duration timeout;

    public SnapshotStateLoader(String accountsReadyTopic, String snapshotsTopic, SnapshotLedger ledger,
                               Map<String, Object> consumerConfig, Supplier<Deserializer<Object>> valueDeserializer,
                               Duration timeout) {
        this.accountsReadyTopic = accountsReadyTopic;
        this.snapshotsTopic = snapshotsTopic;
        this.ledger = ledger;
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "flinks-attributes-snapshot-loader");
        this.consumerConfig = config;
        this.valueDeserializer = valueDeserializer;
        this.timeout = timeout;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(accountsReadyTopic)) {
                ledger.load(tp.partition(), load(tp.partition()));
            }
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.stream().filter(tp -> tp.topic().equals(accountsReadyTopic))
                .forEach(tp -> ledger.drop(tp.partition()));
    }

    /** The latest snapshot per login in partition {@code partition} of the snapshot topic. */
    Map<String, SnapshotMark> load(int partition) {
        Map<String, SnapshotMark> marks = new HashMap<>();
        TopicPartition tp = new TopicPartition(snapshotsTopic, partition);
        Instant started = Instant.now();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
             Deserializer<Object> values = valueDeserializer.get()) {
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
            Instant deadline = started.plus(timeout);
            while (reader.position(tp, timeout) < end) {
                if (Instant.now().isAfter(deadline)) {
                    log.error("snapshot state of partition {} not fully loaded within {}: duplicates of older "
                            + "snapshots may be fetched again", partition, timeout);
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    apply(marks, record, values);
                }
            }
            log.info("snapshot state of partition {}: {} login(s) loaded in {} ms", partition, marks.size(),
                    Duration.between(started, Instant.now()).toMillis());
        } catch (RuntimeException e) {
            log.error("snapshot state of partition {} could not be loaded ({}): duplicates may be fetched again",
                    partition, e.toString());
        }
        return marks;
    }

    private void apply(Map<String, SnapshotMark> marks, ConsumerRecord<String, byte[]> record,
                       Deserializer<Object> values) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            marks.remove(record.key());
            return;
        }
        try {
            if (values.deserialize(record.topic(), record.headers(), record.value()) instanceof SnapshotAccepted s) {
                marks.put(s.getLoginId(), new SnapshotMark(s.getLoginId(), s.getLastRefresh(),
                        s.getAccountsRequestId(), s.getSource(), s.getAcceptedAt()));
            }
        } catch (RuntimeException e) {
            log.warn("snapshot state record {}@{} skipped: {}", record.partition(), record.offset(), e.toString());
        }
    }
}
