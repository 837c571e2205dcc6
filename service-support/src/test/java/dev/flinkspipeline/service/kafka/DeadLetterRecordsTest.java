package dev.flinkspipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

class DeadLetterRecordsTest {

    private final DeadLetterRecords letters = new DeadLetterRecords("group-1");

    private static String header(ProducerRecord<?, ?> record, String key) {
        return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
    }

    @Test
    void an_undeserializable_record_keeps_its_bytes_key_and_headers_minus_the_exception_header() {
        byte[] garbage = "garbage".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, Object> record = new ConsumerRecord<>("in", 2, 41, "login-1", null);
        record.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));
        record.headers().add(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, new byte[]{1});

        ProducerRecord<String, Object> letter = letters.undeserializable(record,
                new DeserializationException("failed", garbage, false, new IllegalStateException("bad magic byte")));

        assertThat(letter.topic()).isEqualTo("in.DLT");
        assertThat(letter.key()).isEqualTo("login-1");
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, "ce_id")).isEqualTo("e-1");
        assertThat(letter.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNull();
        assertThat(header(letter, DeadLetters.REASON_HEADER)).isEqualTo("IllegalStateException: bad magic byte");
        assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("in");
        assertThat(header(letter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("group-1");
    }

    @Test
    void an_unprocessable_record_keeps_its_value_and_says_why() {
        ConsumerRecord<String, Object> record = new ConsumerRecord<>("in", 0, 7, "login-2", "value");

        ProducerRecord<String, Object> letter = letters.unprocessable(record, "without requestId");

        assertThat(letter.value()).isEqualTo("value");
        assertThat(header(letter, DeadLetters.REASON_HEADER)).isEqualTo("IllegalArgumentException: without requestId");
        assertThat(header(letter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("without requestId");
    }
}
