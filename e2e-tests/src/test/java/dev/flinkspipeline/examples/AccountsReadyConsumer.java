package dev.flinkspipeline.examples;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import java.time.Duration;
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
 * into the generated class, and skips an eventId already handled (a snapshot can arrive more than once). Kept
 * compiled and run against the local stack by the end-to-end tests, so the guide's lines cannot rot.
 */
public final class AccountsReadyConsumer implements AutoCloseable {

    private final KafkaConsumer<String, AccountsReady> consumer;
    /** In production: a unique key in the consumer's own store, written with what it derives from the event. */
    private final Set<String> handled = new HashSet<>();

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

    /** One poll: hands each snapshot not seen before to {@code handler}, then commits the offsets. */
    public void poll(Consumer<AccountsReady> handler) {
        for (ConsumerRecord<String, AccountsReady> record : consumer.poll(Duration.ofSeconds(1))) {
            AccountsReady snapshot = record.value();
            if (handled.add(snapshot.getEventId())) {
                handler.accept(snapshot);
            }
        }
        consumer.commitSync();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
