package dev.flinkspipeline.service.job;

import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.service.kafka.JobListener;
import dev.flinkspipeline.service.kafka.JobListeners;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.settings.RequiredSettings;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The job engine of a service: its {@link JobListener} beans run in batch containers ({@link JobListeners}) on one
 * {@link JobEngine} (commit path, pauses, spans, meters), configured by {@code pipeline.job.*} and Spring Boot's
 * {@code spring.kafka.*} (the engine's defaults for those: {@code job-engine.properties}, below application.yml).
 * {@code spring.kafka.consumer.group-id}, the prefix of every listener's group, is required.
 */
@RequiredSettings("spring.kafka.consumer.group-id")
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
@Import(PipelineKafkaConfiguration.class)
@PropertySource("classpath:job-engine.properties")
public class JobEngineConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public JobEngine jobEngine(
            JobProperties job,
            KafkaProperties kafka,
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            PartitionPauser pauser,
            MeterRegistry meters,
            Clock clock,
            RecordTraces traces) {
        Duration maxPollInterval = kafka.getConsumer().getMaxPollInterval();
        if (maxPollInterval != null && job.stepTimeout().multipliedBy(2).compareTo(maxPollInterval) > 0) {
            throw new IllegalArgumentException("pipeline.job.step-timeout (" + job.stepTimeout()
                    + ") must be at most half of spring.kafka.consumer.max-poll-interval (" + maxPollInterval + ")");
        }
        JobMetrics metrics = new JobMetrics(meters, job.name());
        Duration first = job.failedBatchPause();
        Duration max = job.failedBatchMaxPause().compareTo(first) < 0 ? first : job.failedBatchMaxPause();
        BatchCommit commit =
                new BatchCommit(template, deadLetters, pauser, new Backoff(first, max, 2.0), metrics, clock);
        return new JobEngine(commit, pauser, traces, metrics, clock, job.stepTimeout());
    }

    @Bean
    public JobListeners jobListeners(
            List<JobListener> listeners,
            ConsumerFactory<Object, Object> consumerFactory,
            SchemaRegistryClient registry,
            KafkaProperties kafka,
            JobProperties job,
            MeterRegistry meters) {
        return new JobListeners(
                listeners,
                consumerFactory,
                registry,
                kafka.getConsumer().getGroupId(),
                kafka.getListener().getPollTimeout(),
                job,
                meters);
    }
}
