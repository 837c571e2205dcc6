package dev.flinkspipeline.service.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * What a listener already processed, per input partition and key, in memory: asked with {@link #processed},
 * written as a {@link #record} in the batch's transaction and remembered ({@link #committed}) only once that
 * committed, so it never knows more than Kafka. Its durable copy is a compacted topic with the input's partition
 * numbers, reloaded on assignment ({@link #loader}).
 *
 * @param <M> what is remembered per key
 */
public final class IdempotencyLedger<M> {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyLedger.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<Integer, Map<String, M>> partitions = new ConcurrentHashMap<>();
    private final String topic;
    private final Function<M, Object> encode;
    private final BiFunction<String, Object, M> decode;
    private final Function<M, Instant> at;
    private final Duration window;
    private final Clock clock;
    private volatile Instant nextPrune;

    /**
     * @param encode an entry as the ledger record's value
     * @param decode (key, value) of a ledger record as an entry, or null to skip it
     * @param at     when an entry was processed, or null: entries never expire; else forgotten after {@code window}
     */
    public IdempotencyLedger(
            String topic,
            Function<M, Object> encode,
            BiFunction<String, Object, M> decode,
            Function<M, Instant> at,
            Duration window,
            Clock clock) {
        this.topic = topic;
        this.encode = encode;
        this.decode = decode;
        this.at = at;
        this.window = window;
        this.clock = clock;
        this.nextPrune = clock.instant().plus(PRUNE_EVERY);
    }

    /** Keys processed at an instant (the ledger record's value: ISO-8601 bytes), forgotten after {@code window}. */
    public static IdempotencyLedger<Instant> instants(String topic, Duration window, Clock clock) {
        return new IdempotencyLedger<>(
                topic,
                instant -> instant.toString().getBytes(StandardCharsets.UTF_8),
                (key, value) -> instant(value, clock.instant().minus(window)),
                instant -> instant,
                window,
                clock);
    }

    private static Instant instant(Object value, Instant oldest) {
        if (!(value instanceof byte[] bytes)) {
            return null;
        }
        try {
            Instant at = Instant.parse(new String(bytes, StandardCharsets.UTF_8));
            return at.isBefore(oldest) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** What was remembered when {@code key} of input partition {@code partition} was processed, or null. */
    public M processed(int partition, String key) {
        return partitions.getOrDefault(partition, Map.of()).get(key);
    }

    /** The ledger record saying {@code key} of input partition {@code partition} was processed. */
    public ProducerRecord<Object, Object> record(int partition, String key, M entry) {
        return new ProducerRecord<>(topic, partition, key, encode.apply(entry));
    }

    /** Remembers a key whose ledger record committed; forgets expired ones now and then. */
    public void committed(int partition, String key, M entry) {
        partitions.computeIfAbsent(partition, p -> new ConcurrentHashMap<>()).put(key, entry);
        Instant now = clock.instant();
        if (at != null && now.isAfter(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            Instant oldest = now.minus(window);
            partitions
                    .values()
                    .forEach(marks ->
                            marks.values().removeIf(kept -> at.apply(kept).isBefore(oldest)));
        }
    }

    /** Replaces a partition's entries with those loaded from the ledger topic. */
    public void load(int partition, Map<String, M> marks) {
        partitions.put(partition, new ConcurrentHashMap<>(marks));
    }

    /** Forgets a partition (revoked or lost). */
    public void drop(int partition) {
        partitions.remove(partition);
    }

    /** Keys known on this instance. */
    public int size() {
        return partitions.values().stream().mapToInt(Map::size).sum();
    }

    /**
     * The input container's rebalance listener: loads ({@code read_committed}) the ledger partition of each assigned
     * {@code inputTopic} partition, so deduplication survives restarts and moves with the partition.
     *
     * @param values  a fresh deserializer of the ledger's values per load, or null: raw bytes
     * @param timeout bound on loading one partition
     */
    public Loader<M> loader(
            String inputTopic,
            Map<String, Object> consumerConfig,
            Supplier<Deserializer<Object>> values,
            Duration timeout,
            String clientId) {
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
        return new Loader<>(this, inputTopic, config, values, timeout);
    }

    /** Loads and drops {@code ledger}'s partitions as those of {@code inputTopic} are assigned and revoked. */
    public record Loader<M>(
            IdempotencyLedger<M> ledger,
            String inputTopic,
            Map<String, Object> config,
            Supplier<Deserializer<Object>> values,
            Duration timeout)
            implements ConsumerAwareRebalanceListener {

        @Override
        public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
            inputs(assigned).forEach(p -> ledger.load(p, load(p)));
        }

        @Override
        public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> revoked) {
            inputs(revoked).forEach(ledger::drop);
        }

        @Override
        public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> lost) {
            inputs(lost).forEach(ledger::drop);
        }

        private List<Integer> inputs(Collection<TopicPartition> assignment) {
            return assignment.stream()
                    .filter(tp -> tp.topic().equals(inputTopic))
                    .map(TopicPartition::partition)
                    .toList();
        }

        /** The latest entry per key in partition {@code partition} of the ledger topic (tombstones remove). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Map<String, M> load(int partition) {
            Map<String, M> marks = new HashMap<>();
            TopicPartition tp = new TopicPartition(ledger.topic, partition);
            Instant started = Instant.now();
            try (KafkaConsumer<String, byte[]> reader =
                            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
                    Deserializer<Object> deserializer =
                            values != null ? values.get() : (Deserializer) new ByteArrayDeserializer()) {
                // Missing topic or too few partitions: say so at once rather than wait for the timeout.
                if (reader.partitionsFor(ledger.topic, timeout).stream().noneMatch(p -> p.partition() == partition)) {
                    log.error(
                            "{} has no partition {} (it needs as many partitions as {}): duplicates may be processed"
                                    + " again, and outcomes cannot be committed until it exists",
                            ledger.topic,
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
                                ledger.topic,
                                partition,
                                timeout);
                        break;
                    }
                    reader.poll(POLL).forEach(record -> apply(marks, record, deserializer));
                }
                log.info(
                        "{} partition {}: {} key(s) loaded in {} ms",
                        ledger.topic,
                        partition,
                        marks.size(),
                        Duration.between(started, Instant.now()).toMillis());
            } catch (RuntimeException e) {
                log.error(
                        "{} partition {} could not be loaded ({}): duplicates may be processed again",
                        ledger.topic,
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
                M mark = ledger.decode.apply(
                        record.key(), values.deserialize(record.topic(), record.headers(), record.value()));
                if (mark != null) {
                    marks.put(record.key(), mark);
                }
            } catch (RuntimeException e) {
                log.warn(
                        "{} record {}@{} skipped: {}", ledger.topic, record.partition(), record.offset(), e.toString());
            }
        }
    }
}
