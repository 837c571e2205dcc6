package dev.flinkspipeline.poller.kafka;

import java.util.ArrayList;
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
 * Writes a batch's records, its dead letters and its consumed offsets in one Kafka transaction: either
 * all of them become visible (to read_committed consumers) or none, so a crash at any point neither
 * loses a job nor yields two outcomes for one step.
 */
final class BatchTransaction {

    /** Records Kafka refused for their size (indices into the records given); the transaction was aborted. */
    static final class RecordsTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Set<Integer> indices;

        RecordsTooLarge(Set<Integer> indices) {
            super(indices.size() + " records are larger than Kafka accepts");
            this.indices = indices;
        }
    }

    private final KafkaTemplate<Object, Object> template;
    private final DeadLetterPublishingRecoverer deadLetters;

    BatchTransaction(KafkaTemplate<Object, Object> template, DeadLetterPublishingRecoverer deadLetters) {
        this.template = template;
        this.deadLetters = deadLetters;
    }

    /**
     * Commits or throws (then nothing of it is visible).
     *
     * @throws RecordsTooLarge when some records are too large for Kafka (replace them and commit again)
     */
    void commit(List<ProducerRecord<Object, Object>> records, List<DeadLetter> letters,
                Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        template.executeInTransaction(ops -> {
            List<CompletableFuture<SendResult<Object, Object>>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<Object, Object> record : records) {
                sends.add(ops.send(record));
            }
            for (DeadLetter letter : letters) {
                deadLetters.accept(letter.record(), letter.reason());
            }
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
            if (!offsets.isEmpty()) {
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
