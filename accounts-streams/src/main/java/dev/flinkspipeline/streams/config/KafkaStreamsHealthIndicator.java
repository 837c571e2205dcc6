package dev.flinkspipeline.streams.config;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code kafkaStreams}: UP while Kafka Streams runs or rebalances, DOWN when it is not started, in error or shut
 * down. With REPLACE_THREAD a failed thread is replaced, so DOWN means the whole client stopped.
 */
public class KafkaStreamsHealthIndicator implements HealthIndicator {

    private final Supplier<Optional<KafkaStreams>> streams;

    public KafkaStreamsHealthIndicator(Supplier<Optional<KafkaStreams>> streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        Optional<KafkaStreams> client = streams.get();
        if (client.isEmpty()) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        KafkaStreams.State state = client.get().state();
        Health.Builder health = state.isRunningOrRebalancing() ? Health.up() : Health.down();
        return health.withDetail("state", state.name())
                .withDetail("threads", client.get().metadataForLocalThreads().size())
                .build();
    }
}
