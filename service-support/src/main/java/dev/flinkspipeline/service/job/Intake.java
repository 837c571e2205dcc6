package dev.flinkspipeline.service.job;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.JobListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * A job service's intake: per batch, dead-letter what cannot be read or is invalid, ask the idempotency ledger
 * whether each input was already processed, let the tenant start jobs and run their first steps together, then
 * commit it all in one transaction; the ledger remembers, and the tenant counts and logs, only what committed.
 *
 * @param name the listener's tag on the batch meters
 * @param type the input event; a record of another type is a dead letter
 * @param key  the ledger key of an input event
 * @param <E>  the input event
 * @param <J>  a job
 * @param <M>  what the ledger remembers per input
 * @param <R>  what a step yields
 */
public record Intake<E, J, M, R>(
        String listenerId,
        String name,
        Class<E> type,
        Function<E, String> key,
        Intake.Tenant<E, J, M> tenant,
        IdempotencyLedger<M> ledger,
        StepBatch<J, R> steps) {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);

    /** One service's intake. */
    @FunctionalInterface
    public interface Tenant<E, J, M> {

        /**
         * Takes on {@code event}, through {@code batch}. {@code processed} is what the ledger remembers of its key
         * (committed, or earlier in the batch), or null. Throws {@link InvalidRecordException} to dead-letter it.
         */
        void take(ConsumerRecord<Object, Object> record, E event, M processed, Batch<J, M> batch);
    }

    /** What a tenant does with an input of the batch. */
    public static final class Batch<J, M> {

        private final Instant now;
        private final IdempotencyLedger<M> ledger;
        private final List<ConsumerRecord<Object, Object>> sources = new ArrayList<>();
        private final List<J> jobs = new ArrayList<>();
        private final List<ProducerRecord<Object, Object>> writes = new ArrayList<>();
        private final Map<String, M> marks = new HashMap<>();
        private final List<Runnable> committed = new ArrayList<>();
        private ConsumerRecord<Object, Object> current;

        private Batch(Instant now, IdempotencyLedger<M> ledger) {
            this.now = now;
            this.ledger = ledger;
        }

        /** When the batch was read. */
        public Instant now() {
            return now;
        }

        /** Starts {@code job}: its first step runs with the batch. */
        public void start(J job) {
            sources.add(current);
            jobs.add(job);
        }

        /** A record to write with the batch. */
        public void write(ProducerRecord<Object, Object> record) {
            writes.add(record);
        }

        /** Processed: the ledger remembers {@code entry} for {@code key} once the batch committed. */
        public void processed(String key, M entry) {
            int partition = current.partition();
            marks.put(partition + "/" + key, entry);
            writes.add(ledger.record(partition, key, entry));
            committed.add(() -> ledger.committed(partition, key, entry));
        }

        /** Runs {@code action} (metrics, logs) once the batch committed. */
        public void afterCommit(Runnable action) {
            committed.add(action);
        }

        private M processed(int partition, String key) {
            M inBatch = marks.get(partition + "/" + key);
            return inBatch != null ? inBatch : ledger.processed(partition, key);
        }
    }

    /** Its listener on {@code topic} (group suffix {@code group}), loading the ledger of each assigned partition. */
    public JobListener listener(String group, String topic) {
        return JobListener.of(listenerId, group, this::onBatch, topic).ledger(ledger, null);
    }

    /** Handles one batch of the input topic. */
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        JobEngine engine = steps.engine();
        Batch<J, M> batch = new Batch<>(engine.clock().instant(), ledger);
        Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();
        List<DeadLetters.Letter> letters = new ArrayList<>();
        for (ConsumerRecord<Object, Object> record : records) {
            nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            batch.current = record;
            try {
                E event = ConsumedRecords.value(record, type);
                tenant.take(record, event, batch.processed(record.partition(), key.apply(event)), batch);
            } catch (InvalidRecordException | DeserializationException invalid) {
                letters.add(new DeadLetters.Letter(record, invalid));
            } catch (RuntimeException unexpected) {
                // A record this code cannot handle must not block its partition: dead-letter it, with why.
                letters.add(new DeadLetters.Letter(record, new InvalidRecordException("unexpected " + unexpected)));
                log.error(
                        "{}: record {}-{}@{} goes to the dead-letter topic after an unexpected error",
                        listenerId,
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        unexpected);
            }
        }
        if (engine.commit()
                .runAndCommit(
                        listenerId,
                        name,
                        records,
                        consumer,
                        steps,
                        batch.jobs,
                        batch.sources,
                        batch.writes,
                        letters,
                        nextOffsets)) {
            batch.committed.forEach(Runnable::run);
        }
    }
}
