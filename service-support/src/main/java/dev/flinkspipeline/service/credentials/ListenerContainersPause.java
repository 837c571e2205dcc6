package dev.flinkspipeline.service.credentials;

import java.util.ArrayList;
import java.util.List;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Takes no work from Kafka while the credentials circuit is open: pauses every listener container (its consumer
 * keeps polling, so keeps its partitions, but fetches nothing) and resumes those it paused when the circuit closes.
 * Partition pauses ({@code PartitionPauser}) are separate: a partition stays paused while its container is.
 *
 * <p>Hand-written: spring-kafka's {@code ListenerContainerPauseService} pauses for a fixed time, not until an
 * event, and would resume a container an operator paused.
 */
public final class ListenerContainersPause {

    private final KafkaListenerEndpointRegistry registry;
    private final List<MessageListenerContainer> pausedHere = new ArrayList<>(); // guarded by this

    public ListenerContainersPause(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    public synchronized void pause() {
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            // One paused by someone else (an operator) is theirs to resume.
            if (!container.isPauseRequested()) {
                container.pause();
                pausedHere.add(container);
            }
        }
    }

    public synchronized void resume() {
        pausedHere.forEach(MessageListenerContainer::resume);
        pausedHere.clear();
    }

    /** Containers paused by the circuit now. */
    public synchronized int paused() {
        return pausedHere.size();
    }
}
