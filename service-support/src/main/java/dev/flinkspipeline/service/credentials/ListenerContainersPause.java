package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Stops taking work from Kafka while the credentials circuit is open: pauses every listener container of the
 * service ({@link MessageListenerContainer#pause()}: the consumers keep polling, so the group keeps them, but
 * fetch nothing; no thread waits) and resumes the ones it paused when the circuit closes.
 *
 * <p>Container pauses and the partition pauses of a listener ({@code PartitionPauser}) are separate in
 * spring-kafka: a partition resumed while its container is paused stays paused until the container resumes
 * (the consumer only resumes partitions while it is not paused itself), and a partition still paused on its
 * own stays paused when the container resumes.
 */
public final class ListenerContainersPause implements CircuitListener {

    private final KafkaListenerEndpointRegistry registry;
    private final List<MessageListenerContainer> pausedHere = new ArrayList<>(); // guarded by this

    public ListenerContainersPause(KafkaListenerEndpointRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public synchronized void refused(Credential credential, boolean opened, String evidence) {
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            // One paused by someone else (an operator) is theirs to resume.
            if (!container.isPauseRequested()) {
                container.pause();
                pausedHere.add(container);
            }
        }
    }

    @Override
    public synchronized void closed(Duration openFor) {
        pausedHere.forEach(MessageListenerContainer::resume);
        pausedHere.clear();
    }

    /** Containers paused by the circuit now. */
    public synchronized int paused() {
        return pausedHere.size();
    }
}
