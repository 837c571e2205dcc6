package dev.flinkspipeline.service.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed record that goes to its dead-letter topic, and why (published in the batch's transaction). */
public record DeadLetter(ConsumerRecord<?, ?> record, Exception reason) {}
