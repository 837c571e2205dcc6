package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.attributes.job.SnapshotMark;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.service.job.LedgerLoader;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;

/**
 * The two listeners' containers, on service-support's Kafka wiring ({@code spring.kafka.*},
 * {@code pipeline.kafka.*}): batch listeners that never commit by themselves (offsets go into the
 * listeners' transactions), in the service's consumer group.
 */
@Configuration(proxyBeanMethods = false)
public class ListenerConfiguration {

    /** AccountsReady: the snapshot state of its partitions is loaded on assignment from the compacted snapshot topic. */
    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> accountsReadyContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory,
            AttributesProperties properties,
            PipelineKafkaProperties pipeline,
            SnapshotLedger ledger,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = factory(consumerFactory, properties, meters);
        Map<String, Object> serde = AvroKafka.serdeConfig(pipeline);
        Supplier<Deserializer<Object>> avro = () -> {
            AvroDeserializer deserializer = new AvroDeserializer();
            Map<String, Object> config = new HashMap<>(serde);
            config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            deserializer.configure(config, false);
            return deserializer;
        };
        factory.getContainerProperties()
                .setConsumerRebalanceListener(new LedgerLoader<>(
                        properties.topics().accountsReady(),
                        properties.topics().snapshots(),
                        ledger.entries(),
                        consumerFactory.getConfigurationProperties(),
                        avro,
                        ListenerConfiguration::snapshotMark,
                        properties.kafka().stateLoadTimeout(),
                        "flinks-attributes-snapshot-loader"));
        return factory;
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> scheduledContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, AttributesProperties properties, MeterRegistry meters) {
        return factory(consumerFactory, properties, meters);
    }

    private static SnapshotMark snapshotMark(String loginId, Object value) {
        return value instanceof SnapshotAccepted s ? SnapshotMark.of(s) : null;
    }

    private static ConcurrentKafkaListenerContainerFactory<Object, Object> factory(
            ConsumerFactory<Object, Object> consumerFactory, AttributesProperties properties, MeterRegistry meters) {
        // In the consumer factory: a container factory does not pass its consumer properties on to its containers.
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.kafka().maxPollRecords());
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(config, Map.of());
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.kafka().concurrency());
        ContainerProperties container = factory.getContainerProperties();
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        // Short polls: a resumed partition is fetched again quickly.
        container.setPollTimeout(250);
        container.setMicrometerEnabled(true);
        return factory;
    }
}
