package dev.flinkspipeline.attributes.kafka;

import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pauses one partition of a listener until a given time, without holding any thread: the container stops
 * fetching it, the rest of the consumer keeps polling, and a timer resumes it. A newer pause of the same
 * partition supersedes the older one's resume.
 */
public final class PartitionPauser implements AutoCloseable {

    private final KafkaListenerEndpointRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attributes-partition-resumer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();

    public PartitionPauser(KafkaListenerEndpointRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Pauses {@code partition} of listener {@code listenerId} until {@code until}. Call from its consumer thread. */
    public void pauseUntil(String listenerId, TopicPartition partition, Instant until) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        if (container == null) {
            return;
        }
        container.pausePartition(partition);
        AtomicLong generation = generations.computeIfAbsent(listenerId + "/" + partition, k -> new AtomicLong());
        long mine = generation.incrementAndGet();
        long delay = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        timer.schedule(() -> {
            if (generation.get() == mine) {
                container.resumePartition(partition);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
