package dev.flinkspipeline.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.schemas.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

class ConsumedRecordsTest {

    private static ConsumerRecord<Object, Object> record(int partition, long offset) {
        return new ConsumerRecord<>("t", partition, offset, "k", "v");
    }

    @Test
    void firstOffsetsPerPartitionInBatchOrder() {
        List<ConsumerRecord<Object, Object>> batch = List.of(record(1, 7), record(0, 3), record(1, 8), record(0, 4));

        assertThat(ConsumedRecords.firstOffsets(batch))
                .containsExactly(Map.entry(new TopicPartition("t", 1), 7L), Map.entry(new TopicPartition("t", 0), 3L));
    }

    @Test
    void rewindSeeksOnlyPartitionsStillAssigned() {
        TopicPartition kept = new TopicPartition("t", 0);
        try (MockConsumer<Object, Object> consumer = new MockConsumer<>("earliest")) {
            consumer.assign(List.of(kept));
            consumer.updateBeginningOffsets(Map.of(kept, 0L));
            consumer.seek(kept, 10);

            Map<TopicPartition, Long> first = ConsumedRecords.rewind(List.of(record(0, 3), record(1, 5)), consumer);

            assertThat(first).containsKeys(kept, new TopicPartition("t", 1));
            assertThat(consumer.position(kept)).isEqualTo(3);
        }
    }

    @Test
    void valueOfAnotherTypeOrNullIsAnInvalidRecord() {
        assertThat(ConsumedRecords.value(record(0, 0), String.class)).isEqualTo("v");
        assertThatThrownBy(() -> ConsumedRecords.value(record(0, 0), Integer.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("expected a Integer, got java.lang.String");
        assertThatThrownBy(() -> ConsumedRecords.value(new ConsumerRecord<>("t", 0, 0, "k", null), String.class))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessage("expected a String, got null");
    }

    @Test
    void anUnreadableRecordThrowsItsDeserializationFailure() {
        ConsumerRecord<Object, Object> unreadable = new ConsumerRecord<>("t", 0, 0, "k", null);
        SerializationUtils.deserializationException(
                unreadable.headers(), new byte[] {1, 2}, new IllegalStateException("not Avro"), false);

        assertThatThrownBy(() -> ConsumedRecords.value(unreadable, String.class))
                .isInstanceOf(DeserializationException.class)
                .hasRootCauseMessage("not Avro");
    }

    @Test
    void traceparentIsTheLastHeaderOrNull() {
        ConsumerRecord<Object, Object> none = record(0, 0);
        ConsumerRecord<Object, Object> traced = record(0, 1);
        traced.headers().add(CloudEventHeaders.TRACEPARENT, "00-a-b-01".getBytes(StandardCharsets.UTF_8));

        assertThat(ConsumedRecords.traceparent(none)).isNull();
        assertThat(ConsumedRecords.traceparent(traced)).isEqualTo("00-a-b-01");
    }
}
