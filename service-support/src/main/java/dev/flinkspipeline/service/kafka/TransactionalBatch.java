package dev.flinkspipeline.service.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.SendResult;

/**
 * Writes a batch's records, its dead letters ({@link DeadLetters}) and its consumed offsets in one Kafka
 * transaction: either all of them become visible to read_committed consumers together with the offsets, or
 * none does and the batch is consumed again, so a crash at any point neither loses a record nor yields two outcomes for one input.
 */
public final class TransactionalBatch<K, V> {

    /** Records Kafka refused for their size (indices into the records given); the transaction was aborted. */
    public static final class RecordsTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Set<Integer> indices;

        RecordsTooLarge(Set<Integer> indices) {
            super(indices.size() + " records are larger than Kafka accepts");
            this.indices = indices;
        }

        public Set<Integer> indices() {
            return indices;
        }
    }

    private final KafkaTemplate<K, V> template;
    private final DeadLetterPublishingRecoverer deadLetters;

    /** @param deadLetters publishes dead letters; it joins the transaction of the calling thread */
    public TransactionalBatch(KafkaTemplate<K, V> template, DeadLetterPublishingRecoverer deadLetters) {
        if (!template.isTransactional()) {
            throw new IllegalArgumentException("a transactional KafkaTemplate is needed");
        }
        this.template = template;
        this.deadLetters = deadLetters;
    }

    /**
     * Sends {@code records} and the dead letters {@code letters}, then adds the offsets (the next offset to read
     * of each partition) and commits; or throws, and then nothing of it is visible.
     *
     * @throws RecordsTooLarge when some records are too large for Kafka (replace them and commit again)
     */
    public void commit(
            List<ProducerRecord<K, V>> records,
            List<DeadLetter> letters,
            Map<TopicPartition, Long> nextOffsets,
            ConsumerGroupMetadata group) {
        template.executeInTransaction(ops -> {
            List<CompletableFuture<SendResult<K, V>>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> record : records) {
                sends.add(ops.send(record));
            }
            letters.forEach(letter -> deadLetters.accept(letter.record(), letter.reason()));
            ops.flush();
            Set<Integer> tooLarge = new TreeSet<>();
            for (int i = 0; i < sends.size(); i++) {
                if (failedWith(sends.get(i), RecordTooLargeException.class)) {
                    tooLarge.add(i);
                }
            }
            if (!tooLarge.isEmpty()) {
                throw new RecordsTooLarge(tooLarge);
            }
            if (!nextOffsets.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
                ops.sendOffsetsToTransaction(offsets, group);
            }
            return null;
        });
    }

    private static boolean failedWith(CompletableFuture<?> send, Class<? extends Throwable> type) {
        if (!send.isCompletedExceptionally()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
