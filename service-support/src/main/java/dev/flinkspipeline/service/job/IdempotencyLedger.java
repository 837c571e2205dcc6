package dev.flinkspipeline.service.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a listener already processed, per input partition and key, in memory: asked with {@link #processed},
 * written as a {@link #record} in the batch's transaction and remembered ({@link #committed}) only once that
 * committed, so it never knows more than Kafka. Its durable copy is a compacted topic with the input's partition
 * numbers, reloaded on assignment ({@link #loader}).
 *
 * @param <M> what is remembered per key
 */
public final class IdempotencyLedger<M> {

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

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
        Map<String, M> marks = partitions.get(partition);
        return marks == null ? null : marks.get(key);
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

    String topic() {
        return topic;
    }

    M decode(String key, Object value) {
        return decode.apply(key, value);
    }

    /**
     * The rebalance listener loading this ledger's partitions when partitions of {@code inputTopic} are assigned.
     *
     * @param values a fresh deserializer of the ledger's values per load, or null: raw bytes
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public LedgerLoader<M> loader(
            String inputTopic,
            Map<String, Object> consumerConfig,
            Supplier<Deserializer<Object>> values,
            Duration timeout,
            String clientId) {
        Supplier<Deserializer<Object>> deserializers =
                values != null ? values : () -> (Deserializer) new ByteArrayDeserializer();
        return new LedgerLoader<>(inputTopic, this, consumerConfig, deserializers, timeout, clientId);
    }
}
