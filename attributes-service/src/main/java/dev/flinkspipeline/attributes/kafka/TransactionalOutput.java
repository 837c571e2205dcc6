package dev.flinkspipeline.attributes.kafka;

import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.List;
import java.util.Map;

/**
 * Writes a batch's records and the consumed offsets in one Kafka transaction: either all of them become
 * visible to read_committed consumers together with the offsets, or none does and the batch is consumed
 * again.
 */
public final class TransactionalOutput {

    private final KafkaTemplate<String, Object> template;

    public TransactionalOutput(KafkaTemplate<String, Object> template) {
        if (!template.isTransactional()) {
            throw new IllegalArgumentException("the attributes service needs a transactional KafkaTemplate");
        }
        this.template = template;
    }

    /** @throws RuntimeException when anything failed; the transaction is then aborted */
    public void commit(List<ProducerRecord<String, Object>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
                       ConsumerGroupMetadata group) {
        template.executeInTransaction(operations -> {
            for (ProducerRecord<String, Object> record : records) {
                operations.send(record);
            }
            if (!offsets.isEmpty()) {
                operations.sendOffsetsToTransaction(offsets, group);
            }
            return null;
        });
    }
}
