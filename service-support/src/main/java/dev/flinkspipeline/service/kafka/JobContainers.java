package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.service.job.IdempotencyLedger;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The job listeners' container factories: batch listeners that never acknowledge (offsets go into their own
 * transactions, {@code BatchCommit}). {@code settings} go into a consumer factory of their own: a container factory
 * does not pass its consumer properties on to the containers it creates.
 */
public record JobContainers(ConsumerFactory<Object, Object> consumerFactory, MeterRegistry meters) {

    /** An intake's, loading the ledger of an assigned {@code inputTopic} partition; null deserializers: the defaults. */
    public <M> ConcurrentKafkaListenerContainerFactory<Object, Object> intake(
            Map<String, Object> settings,
            Supplier<Deserializer<Object>> values,
            Duration pollTimeout,
            IdempotencyLedger<M> ledger,
            String inputTopic,
            Supplier<Deserializer<Object>> ledgerValues,
            Duration loadTimeout,
            String loaderClientId) {
        return batch(
                settings,
                values,
                pollTimeout,
                ledger.loader(
                        inputTopic,
                        consumerFactory.getConfigurationProperties(),
                        ledgerValues,
                        loadTimeout,
                        loaderClientId));
    }

    /** A delay topic's: nothing to load on assignment. */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> delayTopic(
            Map<String, Object> settings, Duration pollTimeout) {
        return batch(settings, null, pollTimeout, null);
    }

    private ConcurrentKafkaListenerContainerFactory<Object, Object> batch(
            Map<String, Object> settings,
            Supplier<Deserializer<Object>> values,
            Duration pollTimeout,
            ConsumerAwareRebalanceListener ledgerLoader) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.putAll(settings);
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(config, Map.of());
        if (values != null) {
            consumers.setValueDeserializerSupplier(values);
        }
        // The consumers' own metrics, consumer lag among them (kafka_consumer_fetch_manager_records_lag_max).
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        ContainerProperties container = factory.getContainerProperties();
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setPollTimeout(pollTimeout.toMillis());
        container.setMicrometerEnabled(true);
        if (ledgerLoader != null) {
            container.setConsumerRebalanceListener(ledgerLoader);
        }
        return factory;
    }
}
