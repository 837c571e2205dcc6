package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.AttributeSet;
import dev.flinkspipeline.attributes.job.FlinksPort;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.attributes.job.SessionPolicy;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.attributes.kafka.AccountsReadyListener;
import dev.flinkspipeline.attributes.kafka.JobSteps;
import dev.flinkspipeline.attributes.kafka.ScheduledListener;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.BatchCommit;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.JobContainers;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.service.kafka.PlannedTopics;
import dev.flinkspipeline.service.kafka.ProducerWarmUp;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** Wires the framework-free job parts to the job engine; the listeners run in its {@link JobContainers}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttributesProperties.class)
@Import(PipelineKafkaConfiguration.class)
public class ServiceConfiguration {

    /** Short polls: a resumed partition is fetched again quickly. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public AttributeSet attributeSet(AttributesProperties p) {
        AttributesProperties.Custom c = p.custom();
        return AttributeSet.parse(
                p.attributeSet(),
                c.attributes(),
                c.accountCategories(),
                c.filterAccounts(),
                c.accountTypes(),
                c.attributesDetail());
    }

    @Bean
    public SessionPolicy sessionPolicy(AttributesProperties p) {
        return new SessionPolicy(p.session().idleTimeout(), p.session().margin());
    }

    @Bean
    public JobMetrics attributesMetrics(MeterRegistry registry, IdempotencyLedger<SnapshotAccepted> ledger) {
        JobMetrics metrics = new JobMetrics(registry, "attributes");
        metrics.ledgerSize("snapshots", ledger::size);
        return metrics;
    }

    @Bean
    public IdempotencyLedger<SnapshotAccepted> snapshotLedger(AttributesProperties p) {
        return SnapshotLedger.on(p.topics().snapshots());
    }

    /** AccountsReady: the snapshot state of its partitions is loaded on assignment from the compacted snapshot topic. */
    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> accountsReadyContainerFactory(
            JobContainers containers,
            AttributesProperties p,
            PipelineKafkaProperties pipeline,
            IdempotencyLedger<SnapshotAccepted> ledger) {
        return withConcurrency(
                p,
                containers.intake(
                        consumerSettings(p),
                        null,
                        POLL_TIMEOUT,
                        ledger,
                        p.topics().accountsReady(),
                        AvroKafka.specificValues(AvroKafka.serdeConfig(pipeline)),
                        p.kafka().stateLoadTimeout(),
                        "flinks-attributes-snapshot-loader"));
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> scheduledContainerFactory(
            JobContainers containers, AttributesProperties p) {
        return withConcurrency(p, containers.delayTopic(consumerSettings(p), POLL_TIMEOUT));
    }

    private static Map<String, Object> consumerSettings(AttributesProperties p) {
        return Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, p.kafka().maxPollRecords());
    }

    private static ConcurrentKafkaListenerContainerFactory<Object, Object> withConcurrency(
            AttributesProperties p, ConcurrentKafkaListenerContainerFactory<Object, Object> factory) {
        factory.setConcurrency(p.kafka().concurrency());
        return factory;
    }

    /** A batch that could not be committed is read again after kafka-failure-delay, doubling up to max-delay. */
    @Bean
    public JobEngine attributesEngine(
            AttributesProperties p,
            KafkaTemplate<Object, Object> template,
            DeadLetterPublishingRecoverer deadLetters,
            PartitionPauser pauser,
            JobMetrics metrics,
            Clock clock,
            RecordTraces traces) {
        if (!p.attemptTimeout().isPositive()) {
            throw new IllegalArgumentException("attempt timeout must be positive");
        }
        Duration first = p.retry().kafkaFailureDelay();
        Duration max =
                p.retry().maxDelay().compareTo(first) < 0 ? first : p.retry().maxDelay();
        BatchCommit commit =
                new BatchCommit(template, deadLetters, pauser, new Backoff(first, max, 2.0), metrics, clock);
        return new JobEngine(commit, pauser, traces, metrics, clock, p.attemptTimeout());
    }

    @Bean
    public JobSteps jobSteps(
            AttributesProperties p,
            JobEngine engine,
            BudgetedFlinksCalls calls,
            AttributeSet attributeSet,
            SessionPolicy sessions) {
        AttributesProperties.Retry r = p.retry();
        AttemptRunner runner = new AttemptRunner(
                FlinksPort.over(calls, attributeSet),
                sessions,
                engine.clock(),
                p.session().maxAuthorizations(),
                p.session().accountsDetailFirst());
        RetryPlanner planner = new RetryPlanner(
                r.pendingInterval(),
                r.pendingJitter(),
                new Backoff(r.initialDelay(), r.maxDelay(), r.multiplier()),
                new SplittableRandom());
        return new JobSteps(runner, planner, p.topics(), engine);
    }

    @Bean
    public AccountsReadyListener accountsReadyListener(
            AttributesProperties p,
            JobSteps steps,
            SessionPolicy sessions,
            AttributeSet attributeSet,
            IdempotencyLedger<SnapshotAccepted> ledger) {
        var intake = new AccountsReadyIntake(sessions, attributeSet, p.retry().budget());
        return new AccountsReadyListener(intake, ledger, steps, p);
    }

    @Bean
    public ScheduledListener scheduledListener(AttributesProperties p, JobSteps steps, CredentialsCircuit circuit) {
        return new ScheduledListener(steps, p, circuit);
    }

    /** Its topics with the plan's settings; the snapshot state of AccountsReady partition N is in snapshot partition N. */
    /** The events it writes, opened and resolved while it starts. */
    @Bean
    public ProducerWarmUp.Outputs attributesOutputs(AttributesProperties p) {
        AttributesProperties.TopicNames t = p.topics();
        return ProducerWarmUp.Outputs.none()
                .value(t.attributesReady(), AttributesReady.getClassSchema())
                .value(t.scheduled(), AttributesScheduled.getClassSchema())
                .value(t.pipelineFailed(), PipelineFailed.getClassSchema());
    }

    @Bean
    public PlannedTopics attributesTopics(AttributesProperties p, KafkaAdmin kafkaAdmin) {
        AttributesProperties.TopicNames t = p.topics();
        return new PlannedTopics.Plan(t.create(), t.defaultPartitions(), t.replicationFactor())
                .foreign(Topics.ACCOUNTS_READY, t.accountsReady())
                .topic(Topics.dlt(Topics.ACCOUNTS_READY), Topics.dlt(t.accountsReady()))
                .topic(Topics.ATTRIBUTES_SNAPSHOTS, t.snapshots())
                .withDeadLetters(Topics.ATTRIBUTES_SCHEDULED, t.scheduled())
                .foreign(Topics.ATTRIBUTES_READY, t.attributesReady())
                .foreign(Topics.PIPELINE_FAILED, t.pipelineFailed())
                .coPartitioned(t.accountsReady(), t.snapshots(), false)
                .build(kafkaAdmin.getConfigurationProperties());
    }
}
