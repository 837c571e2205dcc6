package dev.flinkspipeline.poller.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses a partition of a listener container until a given time, then resumes it: the container stops
 * fetching from it meanwhile and no thread waits. Resuming wakes the consumer, so the partition is
 * read again right away.
 */
final class PartitionPauser {

    private final KafkaListenerEndpointRegistry registry;
    private final String listenerId;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<TopicPartition, ScheduledFuture<?>> resumes = new ConcurrentHashMap<>();

    PartitionPauser(KafkaListenerEndpointRegistry registry, String listenerId, ScheduledExecutorService scheduler,
                    Clock clock) {
        this.registry = registry;
        this.listenerId = listenerId;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Pauses {@code partition} until {@code until} (replacing an earlier pause of it). */
    void pauseUntil(TopicPartition partition, Instant until) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        if (container == null) {
            return;
        }
        container.pausePartition(partition);
        long delayMicros = Math.max(0, Duration.between(clock.instant(), until).toNanos() / 1000);
        ScheduledFuture<?> previous;
        try {
            previous = resumes.put(partition, scheduler.schedule(() -> resume(container, partition),
                    delayMicros, TimeUnit.MICROSECONDS));
        } catch (RejectedExecutionException e) {
            container.resumePartition(partition); // shutting down
            return;
        }
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void resume(MessageListenerContainer container, TopicPartition partition) {
        resumes.remove(partition);
        container.resumePartition(partition);
    }
}
