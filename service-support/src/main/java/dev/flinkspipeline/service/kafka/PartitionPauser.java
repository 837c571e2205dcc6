package dev.flinkspipeline.service.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Pauses one partition of a listener container until a given time, then resumes it (no thread waits); a newer pause
 * of a partition replaces the older one's resume. Hand-written rather than spring-kafka's
 * {@code ListenerContainerPauseService}: that one lets an older resume fire early and pauses an already due head,
 * which races the container's pause bookkeeping and costs a poll timeout of lateness (docs/benchmarks.md, poller).
 */
public final class PartitionPauser implements AutoCloseable {

    private final KafkaListenerEndpointRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Map<Key, ScheduledFuture<?>> resumes = new ConcurrentHashMap<>();

    private record Key(String listenerId, TopicPartition partition) {}

    /** Resumes on its own daemon thread named {@code threadName}. */
    public PartitionPauser(KafkaListenerEndpointRegistry registry, Clock clock, String threadName) {
        this.registry = registry;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Pauses {@code partition} of listener {@code listenerId} until {@code until}; call from its consumer thread. */
    public void pauseUntil(String listenerId, TopicPartition partition, Instant until) {
        MessageListenerContainer container = registry.getListenerContainer(listenerId);
        if (container == null) {
            return;
        }
        long delayMicros = Duration.between(clock.instant(), until).toNanos() / 1000;
        Key key = new Key(listenerId, partition);
        ScheduledFuture<?> previous;
        if (delayMicros <= 0) {
            // Already due: a pause and an immediate resume would only race with the container.
            previous = resumes.remove(key);
            container.resumePartition(partition);
        } else {
            container.pausePartition(partition);
            try {
                ScheduledFuture<?>[] mine = new ScheduledFuture<?>[1];
                mine[0] = scheduler.schedule(
                        () -> {
                            resumes.remove(key, mine[0]);
                            container.resumePartition(partition);
                        },
                        delayMicros,
                        TimeUnit.MICROSECONDS);
                previous = resumes.put(key, mine[0]);
            } catch (RejectedExecutionException e) {
                container.resumePartition(partition); // shutting down
                return;
            }
        }
        if (previous != null) {
            previous.cancel(false);
        }
    }

    /** Pauses waiting to end (for tests and metrics). */
    public int pending() {
        return resumes.size();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
