package dev.flinkspipeline.service.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DelayTopicTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    /** A record whose value is its due time in seconds from NOW, or "bad" (not a job). */
    private static ConsumerRecord<Object, Object> record(int partition, long offset, Object dueInSeconds) {
        return new ConsumerRecord<>("t", partition, offset, "login-" + offset, dueInSeconds);
    }

    private static DelayTopic.Split<Instant> split(
            Duration maxPause, boolean inOrder, List<ConsumerRecord<Object, Object>> records) {
        DelayTopic<Integer, Instant> topic = new DelayTopic<>(
                "listener",
                "t",
                Integer.class,
                seconds -> new DelayTopic.Timed<>(NOW.plusSeconds(seconds), NOW.plusSeconds(seconds)),
                maxPause,
                inOrder,
                null);
        return topic.split(records, NOW);
    }

    @Test
    void dueRecordsInOrderRunAndThePartitionWaitsForItsFirstRecordNotDue() {
        DelayTopic.Split<Instant> split =
                split(null, true, List.of(record(0, 5, -2), record(0, 6, 0), record(0, 7, 10), record(0, 8, -5)));

        assertThat(split.due()).extracting(d -> d.record().offset()).containsExactly(5L, 6L);
        assertThat(split.requeued()).isEmpty();
        assertThat(split.nextOffsets()).containsExactly(Map.entry(P0, 7L));
        // Offset 8 is due but waits behind 7: in-order records are never re-enqueued (no copy of a step).
        assertThat(split.resumeAt()).containsExactly(Map.entry(P0, NOW.plusSeconds(10)));
    }

    @Test
    void aRecordNotDueAheadOfADueOneIsRequeuedAndUnreadableOnesAreDeadLetters() {
        DelayTopic.Split<Instant> split = split(
                Duration.ofSeconds(1),
                false,
                List.of(record(0, 1, 30), record(0, 2, "bad"), record(0, 3, -1), record(0, 4, 60), record(1, 9, 5)));

        assertThat(split.due()).extracting(d -> d.record().offset()).containsExactly(3L);
        assertThat(split.requeued()).extracting(r -> r.key()).containsExactly("login-1");
        assertThat(split.requeued().get(0).partition()).isNull(); // the tail of the topic, by key
        assertThat(split.letters()).extracting(l -> l.record().offset()).containsExactly(2L);
        assertThat(split.nextOffsets()).containsExactly(Map.entry(P0, 4L));
        // Partition 0 waits for offset 4 and partition 1 for offset 9, each at most maxPause ahead.
        assertThat(split.resumeAt())
                .containsExactly(Map.entry(P0, NOW.plusSeconds(1)), Map.entry(P1, NOW.plusSeconds(1)));
    }
}
