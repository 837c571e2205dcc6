package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.service.job.JobProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * Registers each declared {@link JobListener} with spring-kafka's listener registry, in a batch container that never
 * acknowledges (offsets go into the batch's transaction, {@code BatchCommit}). Its settings go into a consumer factory
 * of its own: a container factory does not pass its consumer properties on to the containers it creates.
 */
public record JobListeners(
        List<JobListener> listeners,
        ConsumerFactory<Object, Object> consumerFactory,
        SchemaRegistryClient registry,
        String groupId,
        Duration pollTimeout,
        JobProperties job,
        MeterRegistry meters)
        implements KafkaListenerConfigurer {

    private static final Method HANDLER = JobListener.Handler.class.getMethods()[0];

    private static final DefaultMessageHandlerMethodFactory HANDLER_METHODS = new DefaultMessageHandlerMethodFactory();

    static {
        HANDLER_METHODS.afterPropertiesSet();
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        listeners.forEach(l -> registrar.registerEndpoint(endpoint(l), factory(l)));
    }

    /** The consumer settings {@code listener}'s consumers are created with. */
    public Map<String, Object> consumerConfig(JobListener listener) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.putAll(listener.settings());
        return config;
    }

    private ConcurrentKafkaListenerContainerFactory<Object, Object> factory(JobListener listener) {
        Map<String, Object> config = consumerConfig(listener);
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(config, Map.of(), registry);
        if (listener.values() != null) {
            consumers.setValueDeserializerSupplier(listener.values());
        }
        // The consumers' own metrics, consumer lag among them (kafka_consumer_fetch_manager_records_lag_max).
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        ContainerProperties container = factory.getContainerProperties();
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setPollTimeout(pollTimeout.toMillis());
        container.setMicrometerEnabled(true);
        if (listener.ledger() != null) {
            container.setConsumerRebalanceListener(listener.ledger()
                    .loader(
                            listener.topics().getFirst(),
                            config,
                            listener.ledgerValues(),
                            job.ledgerLoadTimeout(),
                            groupId + "-" + listener.group() + "-ledger"));
        }
        return factory;
    }

    /** The endpoint a {@code @KafkaListener} method would have: spring-kafka's batch adapter around the handler. */
    private MethodKafkaListenerEndpoint<Object, Object> endpoint(JobListener listener) {
        var endpoint = new MethodKafkaListenerEndpoint<Object, Object>();
        endpoint.setId(listener.id());
        endpoint.setGroupId(groupId + "-" + listener.group());
        endpoint.setTopics(listener.topics().toArray(String[]::new));
        endpoint.setConcurrency(job.concurrency(listener.group()));
        endpoint.setBatchListener(true);
        endpoint.setBean(listener.handler());
        endpoint.setMethod(HANDLER);
        endpoint.setMessageHandlerMethodFactory(HANDLER_METHODS);
        return endpoint;
    }
}
