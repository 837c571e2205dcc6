package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.service.job.PartitionLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Keys a listener already took on, with when, per input partition: a {@link PartitionLedger} whose durable
 * copy is a compacted ledger topic, written in the same transaction as what they caused (key, value the
 * ISO-8601 instant, same partition number as the input record); entries older than the window are
 * forgotten. Two uses: the LoginReceived eventIds that started a job ({@code logins-seen}: ingest can
 * emit the same LoginReceived twice and Kafka can redeliver, but a login must start one job only), and the
 * logins whose AccountsReady arrived ({@code accounts-seen}: a webhook-flow login needs no fallback).
 */
public final class SeenKeys {

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final PartitionLedger<Instant> ledger;
    private final String topic;
    private final Duration window;
    private final Clock clock;
    private volatile Instant nextPrune;

    public SeenKeys(PartitionLedger<Instant> ledger, String topic, Duration window, Clock clock) {
        this.ledger = ledger;
        this.topic = topic;
        this.window = window;
        this.clock = clock;
        this.nextPrune = clock.instant().plus(PRUNE_EVERY);
    }

    /** The in-memory ledger (for its loader). */
    public PartitionLedger<Instant> ledger() {
        return ledger;
    }

    /** Whether {@code eventId} of partition {@code partition} was already taken on (and committed). */
    boolean seen(int partition, String eventId) {
        return ledger.contains(partition, eventId);
    }

    /** When {@code key} of partition {@code partition} was taken on, or null. */
    Instant seenAt(int partition, String key) {
        return ledger.get(partition, key);
    }

    /** The ledger record of a key taken on, for the batch's transaction. */
    ProducerRecord<Object, Object> record(int partition, String eventId, Instant at) {
        return new ProducerRecord<>(topic, partition, eventId, at.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Remembers keys whose transaction committed; forgets expired ones now and then. */
    void accepted(int partition, String eventId, Instant at) {
        ledger.put(partition, eventId, at);
        Instant now = clock.instant();
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY);
            Instant oldest = now.minus(window);
            ledger.removeIf(seenAt -> seenAt.isBefore(oldest));
        }
    }

    /** A ledger record's entry, or null when it is unreadable or older than the window (for the loader). */
    public Instant decode(String eventId, Object value) {
        if (!(value instanceof byte[] bytes)) {
            return null;
        }
        try {
            Instant at = Instant.parse(new String(bytes, StandardCharsets.UTF_8));
            return at.isBefore(clock.instant().minus(window)) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Keys known on this instance. */
    public int size() {
        return ledger.size();
    }
}
