package dev.flinkspipeline.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumed record that goes to its dead-letter topic, and why. Published with the batch's transaction
 * through {@link DeadLetters#recoverer}: {@code letters.forEach(l -> recoverer.accept(l.record(), l.reason()))}.
 */
public record DeadLetter(ConsumerRecord<?, ?> record, Exception reason) {}
