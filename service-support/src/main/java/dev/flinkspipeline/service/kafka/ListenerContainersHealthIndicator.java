package dev.flinkspipeline.service.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP when every Kafka listener container that should run is running (a container whose consumer died,
 * e.g. on a fatal authorization error, stops consuming: the instance must not look ready).
 */
public class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public ListenerContainersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        super("Kafka listener health check failed");
        this.registry = registry;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allUp = true;
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            boolean ok = container.isInExpectedState() && (!container.isAutoStartup() || container.isRunning());
            allUp &= ok;
            details.put(container.getListenerId(), container.isRunning() ? "running" : "stopped");
        }
        (allUp ? builder.up() : builder.down()).withDetails(details);
    }
}
