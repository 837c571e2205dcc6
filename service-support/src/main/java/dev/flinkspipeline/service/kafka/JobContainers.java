package dev.flinkspipeline.service.kafka;

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

/** The container factories of the job listeners. */
public final class JobContainers {

    private JobContainers() {}

    /**
     * Batch listener containers that commit nothing themselves (ack mode MANUAL, never acknowledged): offsets go
     * into the listeners' own transactions ({@code BatchCommit}).
     *
     * @param settings  consumer settings of these containers, put in a consumer factory of their own: a container
     *                  factory does not pass its consumer properties on to the containers it creates
     * @param values    a fresh value deserializer per consumer, or null: Avro ({@link AvroKafka#consumerFactory})
     * @param ledger    loads the idempotency ledger of assigned partitions, or null
     */
    public static ConcurrentKafkaListenerContainerFactory<Object, Object> batch(
            ConsumerFactory<Object, Object> consumerFactory,
            Map<String, Object> settings,
            Supplier<Deserializer<Object>> values,
            ConsumerAwareRebalanceListener ledger,
            Duration pollTimeout,
            MeterRegistry meters) {
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
        if (ledger != null) {
            container.setConsumerRebalanceListener(ledger);
        }
        return factory;
    }
}
