package dev.flinkspipeline.examples;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.snapshot.AccountsReadyAssembler;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The minimal consumer of docs/consumers.md: every data snapshot of {@code flinks.accounts-ready}, once. Reads only
 * committed records (the poller writes in Kafka transactions), decodes with the {@code schemas} artifact's serde
 * into the generated class, puts a snapshot written in parts back together, and skips a snapshot already handled
 * (a snapshot can arrive more than once). Kept
 * compiled and run against the local stack by the end-to-end tests, so the guide's lines cannot rot.
 */
public final class AccountsReadyConsumer implements AutoCloseable {

    private final KafkaConsumer<String, AccountsReady> consumer;
    /** In production: a unique key in the consumer's own store, written with what it derives from the event. */
    private final Set<String> handled = new HashSet<>();
    /** Per loginId: the parts of a snapshot larger than one record, until its last part. */
    private final Map<String, AccountsReadyAssembler> assemblers = new HashMap<>();

    public AccountsReadyConsumer(String bootstrapServers, String registryUrl, String groupId) {
        consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                groupId,
                "isolation.level",
                "read_committed",
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                false,
                "key.deserializer",
                StringDeserializer.class,
                "value.deserializer",
                AvroDeserializer.class,
                "schema.registry.url",
                registryUrl,
                "specific.avro.reader",
                true));
        consumer.subscribe(List.of(Topics.ACCOUNTS_READY));
    }

    /**
     * One poll: hands each whole snapshot not seen before to {@code handler}, then commits the offsets, unless a
     * snapshot's parts are still pending (a restart must read them again).
     */
    public void poll(Consumer<AccountsReady> handler) {
        for (ConsumerRecord<String, AccountsReady> record : consumer.poll(Duration.ofSeconds(1))) {
            assemblers
                    .computeIfAbsent(record.key(), loginId -> new AccountsReadyAssembler())
                    .add(record.value())
                    .filter(snapshot -> handled.add(snapshot.getEventId()))
                    .ifPresent(handler);
        }
        assemblers.values().removeIf(assembler -> assembler.pending() == 0);
        if (assemblers.isEmpty()) {
            consumer.commitSync();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
