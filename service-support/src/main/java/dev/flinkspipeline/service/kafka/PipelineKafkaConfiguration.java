package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The Kafka wiring of a pipeline service: Spring Boot's {@code spring.kafka.*} for the connection,
 * {@code pipeline.kafka.*} for the registry and transactions; Boot's own Kafka beans back off. Producers are
 * transactional Avro, consumers read_committed Avro (keys: loginIds); a batch's records, dead letters and offsets
 * commit in one {@link dev.flinkspipeline.service.job.BatchCommit}. Health: {@code kafka} (cluster reachable),
 * {@code kafkaListeners}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PipelineKafkaProperties.class, KafkaProperties.class})
public class PipelineKafkaConfiguration {

    /** The registry client of the service's serializers, deserializers and warm-up: a schema resolved once is resolved. */
    @Bean
    public SchemaRegistryClient pipelineSchemaRegistryClient(PipelineKafkaProperties pipeline) {
        return SchemaRegistryClient.fromConfig(AvroKafka.serdeConfig(pipeline));
    }

    @Bean
    public DefaultKafkaProducerFactory<Object, Object> pipelineProducerFactory(
            KafkaProperties kafka,
            PipelineKafkaProperties pipeline,
            SchemaRegistryClient registry,
            @Value("${spring.application.name:pipeline-service}") String applicationName) {
        String prefix = pipeline.transactionIdPrefix();
        if (prefix == null || prefix.isBlank()) {
            prefix = applicationName + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        }
        return AvroKafka.transactionalProducerFactory(
                kafka.buildProducerProperties(),
                AvroKafka.serdeConfig(pipeline),
                registry,
                prefix,
                pipeline.transactionTimeout().toMillis());
    }

    /** The first customer after a start meets an open producer and resolved schemas (issue #16's cold start). */
    @Bean
    public ProducerWarmUp producerWarmUp(
            ProducerFactory<Object, Object> producerFactory,
            PipelineKafkaProperties pipeline,
            SchemaRegistryClient registry,
            ObjectProvider<PlannedTopics> topics) {
        Map<String, Schema> outputs = new LinkedHashMap<>();
        topics.orderedStream().forEach(planned -> outputs.putAll(planned.outputs()));
        return new ProducerWarmUp(
                producerFactory, AvroKafka.avroValues(AvroKafka.serdeConfig(pipeline), registry), outputs);
    }

    @Bean
    public KafkaTemplate<Object, Object> kafkaTemplate(ProducerFactory<Object, Object> producerFactory) {
        return AvroKafka.template(producerFactory);
    }

    @Bean
    public ConsumerFactory<Object, Object> pipelineConsumerFactory(
            KafkaProperties kafka, PipelineKafkaProperties pipeline, SchemaRegistryClient registry) {
        return AvroKafka.consumerFactory(kafka.buildConsumerProperties(), AvroKafka.serdeConfig(pipeline), registry);
    }

    @Bean
    public DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> kafkaTemplate) {
        return DeadLetters.recoverer(kafkaTemplate);
    }

    @Bean(destroyMethod = "close")
    public PartitionPauser partitionPauser(KafkaListenerEndpointRegistry registry, ObjectProvider<Clock> clock) {
        return new PartitionPauser(registry, clock.getIfUnique(Clock::systemUTC), "partition-resumer");
    }

    @Bean
    public KafkaClusterHealthIndicator kafkaHealthIndicator(KafkaProperties kafka) {
        return new KafkaClusterHealthIndicator(kafka.buildAdminProperties(), Duration.ofSeconds(3));
    }

    @Bean
    public ListenerContainersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        return new ListenerContainersHealthIndicator(registry);
    }
}
