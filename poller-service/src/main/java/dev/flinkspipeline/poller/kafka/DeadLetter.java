package dev.flinkspipeline.poller.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed record that goes to its dead-letter topic, and why. */
record DeadLetter(ConsumerRecord<Object, Object> record, Exception reason) {
}
