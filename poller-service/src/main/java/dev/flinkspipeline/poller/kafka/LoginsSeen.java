package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.service.dedup.PartitionLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The LoginReceived eventIds already taken on, per login-received partition: ingest can emit the same
 * LoginReceived twice (Connect callback and relayed redirect event carry the same eventId) and Kafka can
 * redeliver, but a login must start one job only. The durable copy is the compacted {@code logins-seen}
 * topic, written in the same transaction as the job's first outcome (key eventId, value the ISO-8601
 * instant it was taken on, same partition number as the LoginReceived); entries older than the window
 * are forgotten.
 */
public final class LoginsSeen {

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final PartitionLedger<Instant> ledger;
    private final String topic;
    private final Duration window;
    private final Clock clock;
    private volatile Instant nextPrune;

    public LoginsSeen(PartitionLedger<Instant> ledger, String topic, Duration window, Clock clock) {
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

    /** The ledger record of a LoginReceived taken on, for the batch's transaction. */
    ProducerRecord<Object, Object> record(int partition, String eventId, Instant at) {
        return new ProducerRecord<>(topic, partition, eventId, at.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Remembers eventIds whose transaction committed; forgets expired ones now and then. */
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

    /** EventIds known on this instance. */
    public int size() {
        return ledger.size();
    }
}
