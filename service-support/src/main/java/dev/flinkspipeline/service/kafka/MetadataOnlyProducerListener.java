package dev.flinkspipeline.service.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Logs failed sends by topic and key (the loginId) only. Spring's default listener logs the start of
 * the value, which for our events can be a holder's name or an account number.
 */
public final class MetadataOnlyProducerListener implements ProducerListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(MetadataOnlyProducerListener.class);

    @Override
    public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        log.warn("Send to {} failed, key {}: {}", record.topic(), record.key(), exception.toString());
    }
}
