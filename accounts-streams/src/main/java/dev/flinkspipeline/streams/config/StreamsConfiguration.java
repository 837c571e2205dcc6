package dev.flinkspipeline.streams.config;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.streams.topology.AccountsTopology;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The Kafka Streams application as Spring Boot runs it: {@code spring.kafka.streams.*} configures Kafka Streams
 * (exactly_once_v2 in application.yml), {@code pipeline.kafka.*} the registry, {@code accounts-streams.*} the
 * topology. The topology itself is {@link AccountsTopology}, added to the one Spring builds.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties({AccountsStreamsProperties.class, PipelineKafkaProperties.class})
public class StreamsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsConfiguration.class);

    @Bean
    public StreamsBuilderFactoryBeanConfigurer accountsTopologyConfigurer(
            AccountsStreamsProperties properties,
            PipelineKafkaProperties pipeline,
            @Value("${spring.application.name:accounts-streams}") String applicationName) {
        return factoryBean -> {
            Map<String, Object> serde = new HashMap<>(AvroKafka.serdeConfig(pipeline));
            serde.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            factoryBean.setInfrastructureCustomizer(new KafkaStreamsInfrastructureCustomizer() {
                @Override
                public void configureTopology(Topology topology) {
                    AccountsTopology.addTo(
                            topology,
                            properties.toSettings(),
                            AvroDeserializer.create(serde, false),
                            AvroSerializer.create(serde, false),
                            applicationName);
                }
            });
            String instanceId = properties.instanceId();
            if (instanceId != null && !instanceId.isBlank()) {
                // Static membership: a restarted instance takes its partitions back at once instead of waiting for
                // the group to expire its previous member (session timeout, 45 s).
                Properties streams = factoryBean.getStreamsConfiguration();
                streams.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
                factoryBean.setStreamsConfiguration(streams);
            }
            // Record-level failures go to the dead-letter topic inside the topology; what is left is infrastructure
            // (registry or broker away): a new thread resumes from the last committed transaction.
            factoryBean.setStreamsUncaughtExceptionHandler(failure -> {
                LOG.error("Stream thread failed, replacing it (resumes from the last commit): {}", failure.toString());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
        };
    }

    @Bean
    public KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsBuilderFactoryBean factoryBean) {
        return new KafkaStreamsHealthIndicator(() -> Optional.ofNullable(factoryBean.getKafkaStreams()));
    }

    @Bean
    @ConditionalOnProperty(name = "accounts-streams.topics.create", havingValue = "true", matchIfMissing = false)
    public NewTopic accountStateTopic(AccountsStreamsProperties properties) {
        AccountsStreamsProperties.TopicNames topics = properties.topics();
        // Latest state per account: compaction keeps the last record of each accountId.
        return TopicBuilder.name(topics.accountState())
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .configs(TopicPlan.topic(Topics.ACCOUNT_STATE).configs())
                .compact()
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "accounts-streams.topics.create", havingValue = "true", matchIfMissing = false)
    public NewTopic accountTransactionsTopic(AccountsStreamsProperties properties) {
        AccountsStreamsProperties.TopicNames topics = properties.topics();
        return TopicBuilder.name(topics.accountTransactions())
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .configs(TopicPlan.topic(Topics.ACCOUNT_TRANSACTIONS).configs())
                .build();
    }

    @Bean
    @ConditionalOnProperty(name = "accounts-streams.topics.create", havingValue = "true", matchIfMissing = false)
    public NewTopic accountsReadyDeadLetterTopic(AccountsStreamsProperties properties) {
        AccountsStreamsProperties.TopicNames topics = properties.topics();
        // Dead letters are whole AccountsReady records: as large as the input allows.
        return TopicBuilder.name(topics.deadLetter())
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .configs(TopicPlan.topic(Topics.dlt(Topics.ACCOUNTS_READY)).configs())
                .build();
    }
}
