package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.retry.Backoff;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a listener does when a batch's transaction could not be committed (Kafka or the schema registry
 * unavailable): rewind every partition of the batch to its first record and pause it with exponential
 * backoff, so the same records are processed again later, while the consumer itself keeps polling.
 */
final class BatchFailures {

    private final String listenerId;
    private final PartitionPauser pauser;
    private final Backoff backoff;
    private final Clock clock;
    private int consecutive;

    BatchFailures(String listenerId, PartitionPauser pauser, Backoff backoff, Clock clock) {
        this.listenerId = listenerId;
        this.pauser = pauser;
        this.backoff = backoff;
        this.clock = clock;
    }

    void succeeded() {
        consecutive = 0;
    }

    /** Rewinds and pauses the batch's partitions; returns the pause length in ms. */
    long failed(List<? extends ConsumerRecord<?, ?>> batch, Consumer<?, ?> consumer) {
        consecutive++;
        long delay = Math.max(100, backoff.ceiling(Math.min(consecutive, 30)).toMillis() / 2
                + ThreadLocalRandom.current().nextLong(backoff.ceiling(Math.min(consecutive, 30)).toMillis() / 2 + 1));
        for (Map.Entry<TopicPartition, Long> first : ConsumedRecords.firstOffsets(batch).entrySet()) {
            consumer.seek(first.getKey(), first.getValue());
            pauser.pauseUntil(listenerId, first.getKey(), clock.instant().plusMillis(delay));
        }
        return delay;
    }
}
