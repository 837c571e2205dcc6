package dev.flinkspipeline.service.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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

/**
 * Loads an {@link IdempotencyLedger} partition from its topic ({@code read_committed}: only entries whose outcomes
 * committed) when the input partition of the same number is assigned, and drops it when revoked or lost, so
 * deduplication survives restarts and moves with the partition. The input container's rebalance listener.
 *
 * @param <M> what is remembered per key
 */
public final class LedgerLoader<M> implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(LedgerLoader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final String inputTopic;
    private final String ledgerTopic;
    private final IdempotencyLedger<M> ledger;
    private final Map<String, Object> consumerConfig;
    private final Supplier<Deserializer<Object>> valueDeserializer;
    private final Duration timeout;

    /**
     * @param consumerConfig    the service's consumer settings (bootstrap servers, security)
     * @param valueDeserializer a fresh deserializer of the ledger topic's values per load
     * @param timeout           bound on loading one partition
     */
    LedgerLoader(
            String inputTopic,
            IdempotencyLedger<M> ledger,
            Map<String, Object> consumerConfig,
            Supplier<Deserializer<Object>> valueDeserializer,
            Duration timeout,
            String clientId) {
        this.inputTopic = inputTopic;
        this.ledgerTopic = ledger.topic();
        this.ledger = ledger;
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A missing ledger topic must not be created with the broker's default partition count.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.consumerConfig = config;
        this.valueDeserializer = valueDeserializer;
        this.timeout = timeout;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            if (tp.topic().equals(inputTopic)) {
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
        partitions.stream().filter(tp -> tp.topic().equals(inputTopic)).forEach(tp -> ledger.drop(tp.partition()));
    }

    /** The latest entry per key in partition {@code partition} of the ledger topic (tombstones remove). */
    public Map<String, M> load(int partition) {
        Map<String, M> marks = new HashMap<>();
        TopicPartition tp = new TopicPartition(ledgerTopic, partition);
        Instant started = Instant.now();
        try (KafkaConsumer<String, byte[]> reader =
                        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
                Deserializer<Object> values = valueDeserializer.get()) {
            // Missing topic or too few partitions: say so at once rather than wait for the timeout.
            if (reader.partitionsFor(ledgerTopic, timeout).stream().noneMatch(p -> p.partition() == partition)) {
                log.error(
                        "{} has no partition {} (it needs as many partitions as {}): duplicates may be processed "
                                + "again, and outcomes cannot be committed until it exists",
                        ledgerTopic,
                        partition,
                        inputTopic);
                return marks;
            }
            reader.assign(List.of(tp));
            reader.seekToBeginning(List.of(tp));
            long end = reader.endOffsets(List.of(tp), timeout).getOrDefault(tp, 0L);
            Instant deadline = started.plus(timeout);
            while (reader.position(tp, timeout) < end) {
                if (Instant.now().isAfter(deadline)) {
                    log.error(
                            "{} partition {} not fully loaded within {}: duplicates of older inputs may be "
                                    + "processed again",
                            ledgerTopic,
                            partition,
                            timeout);
                    break;
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    apply(marks, record, values);
                }
            }
            log.info(
                    "{} partition {}: {} key(s) loaded in {} ms",
                    ledgerTopic,
                    partition,
                    marks.size(),
                    Duration.between(started, Instant.now()).toMillis());
        } catch (RuntimeException e) {
            log.error(
                    "{} partition {} could not be loaded ({}): duplicates may be processed again",
                    ledgerTopic,
                    partition,
                    e.toString());
        }
        return marks;
    }

    private void apply(Map<String, M> marks, ConsumerRecord<String, byte[]> record, Deserializer<Object> values) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            marks.remove(record.key());
            return;
        }
        try {
            M mark = ledger.decode(record.key(), values.deserialize(record.topic(), record.headers(), record.value()));
            if (mark != null) {
                marks.put(record.key(), mark);
            }
        } catch (RuntimeException e) {
            log.warn("{} record {}@{} skipped: {}", ledgerTopic, record.partition(), record.offset(), e.toString());
        }
    }
}
