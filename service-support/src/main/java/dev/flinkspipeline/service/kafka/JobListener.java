package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.service.job.IdempotencyLedger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A job listener a service declares (a bean); the engine runs it in a batch container of its own ({@link
 * JobListeners}): group {@code <spring.kafka.consumer.group-id>-<group>}, {@code pipeline.job.concurrency.<group>}
 * consumer threads.
 *
 * @param id           the listener container's id (pauses, health, logs)
 * @param group        its consumer group's suffix, and the key of its concurrency
 * @param settings     consumer settings of its own over {@code spring.kafka.consumer.*}
 * @param values       its value deserializer, or null: the Avro default
 * @param ledger       loaded for the assigned partitions of the first topic, or null
 * @param ledgerValues the ledger's value deserializer, or null: raw bytes
 */
public record JobListener(
        String id,
        String group,
        List<String> topics,
        Handler handler,
        Map<String, Object> settings,
        Supplier<Deserializer<Object>> values,
        IdempotencyLedger<?> ledger,
        Supplier<Deserializer<Object>> ledgerValues) {

    /** Handles one batch; its offsets go into the batch's transaction (nothing is acknowledged). */
    @FunctionalInterface
    public interface Handler {
        void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer);
    }

    public static JobListener of(String id, String group, Handler handler, String... topics) {
        return new JobListener(id, group, List.of(topics), handler, Map.of(), null, null, null);
    }

    public JobListener with(String setting, Object value) {
        Map<String, Object> more = new HashMap<>(settings);
        more.put(setting, value);
        return new JobListener(id, group, topics, handler, Map.copyOf(more), values, ledger, ledgerValues);
    }

    public JobListener values(Supplier<Deserializer<Object>> deserializer) {
        return new JobListener(id, group, topics, handler, settings, deserializer, ledger, ledgerValues);
    }

    public JobListener ledger(IdempotencyLedger<?> loaded, Supplier<Deserializer<Object>> deserializer) {
        return new JobListener(id, group, topics, handler, settings, values, loaded, deserializer);
    }
}
