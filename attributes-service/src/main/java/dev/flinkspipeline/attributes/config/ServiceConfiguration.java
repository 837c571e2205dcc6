package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.AttributeSet;
import dev.flinkspipeline.attributes.job.FlinksPort;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.attributes.job.SessionPolicy;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.attributes.job.SnapshotMark;
import dev.flinkspipeline.attributes.kafka.AccountsReadyListener;
import dev.flinkspipeline.attributes.kafka.ListenerWiring;
import dev.flinkspipeline.attributes.kafka.ScheduledListener;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.flinks.FlinksClientConfiguration;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.BatchCommit;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.LedgerLoader;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.CoPartitionedTopics;
import dev.flinkspipeline.service.kafka.JobContainers;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.service.kafka.PlannedTopics;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the framework-free parts (session policy, attempts, retries, deduplication) to the job engine and Spring:
 * the two listeners' containers are the engine's batch containers ({@link JobContainers}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttributesProperties.class)
@Import({PipelineKafkaConfiguration.class, FlinksClientConfiguration.class})
public class ServiceConfiguration {

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
    public JobMetrics attributesMetrics(MeterRegistry registry, SnapshotLedger ledger) {
        JobMetrics metrics = new JobMetrics(registry, "attributes");
        metrics.ledgerSize("snapshots", ledger::size);
        return metrics;
    }

    @Bean
    public JobExecutor jobExecutor(
            AttributesProperties p,
            BudgetedFlinksCalls calls,
            AttributeSet attributeSet,
            SessionPolicy sessions,
            Clock clock) {
        AttributesProperties.Retry r = p.retry();
        AttemptRunner runner = new AttemptRunner(
                FlinksPort.over(calls, attributeSet),
                sessions,
                clock,
                p.session().maxAuthorizations(),
                p.session().accountsDetailFirst());
        RetryPlanner planner = new RetryPlanner(
                r.pendingInterval(),
                r.pendingJitter(),
                new Backoff(r.initialDelay(), r.maxDelay(), r.multiplier()),
                new SplittableRandom());
        return new JobExecutor(runner, planner, clock, p.attemptTimeout());
    }

    @Bean
    public SnapshotLedger snapshotLedger(AttributesProperties p) {
        return new SnapshotLedger(p.topics().snapshots());
    }

    /** AccountsReady: the snapshot state of its partitions is loaded on assignment from the compacted snapshot topic. */
    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> accountsReadyContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory,
            AttributesProperties p,
            PipelineKafkaProperties pipeline,
            SnapshotLedger ledger,
            MeterRegistry meters) {
        LedgerLoader<SnapshotMark> loader = ledger.entries()
                .loader(
                        p.topics().accountsReady(),
                        consumerFactory.getConfigurationProperties(),
                        AvroKafka.specificValues(AvroKafka.serdeConfig(pipeline)),
                        p.kafka().stateLoadTimeout(),
                        "flinks-attributes-snapshot-loader");
        return containers(consumerFactory, p, loader, meters);
    }

    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> scheduledContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory, AttributesProperties p, MeterRegistry meters) {
        return containers(consumerFactory, p, null, meters);
    }

    /** Short polls: a resumed partition is fetched again quickly. */
    private static ConcurrentKafkaListenerContainerFactory<Object, Object> containers(
            ConsumerFactory<Object, Object> consumerFactory,
            AttributesProperties p,
            LedgerLoader<SnapshotMark> loader,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = JobContainers.batch(
                consumerFactory,
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, p.kafka().maxPollRecords()),
                null,
                loader,
                Duration.ofMillis(250),
                meters);
        factory.setConcurrency(p.kafka().concurrency());
        return factory;
    }

    @Bean
    public AccountsReadyIntake accountsReadyIntake(
            AttributesProperties p, SessionPolicy sessions, AttributeSet attributeSet) {
        return new AccountsReadyIntake(sessions, attributeSet, p.retry().budget());
    }

    /**
     * The listeners on the job engine; a batch that could not be committed is read again after
     * kafka-failure-delay, doubling up to max-delay.
     */
    @Bean
    public ListenerWiring listenerWiring(
            AttributesProperties p,
            TransactionalBatch<Object, Object> transaction,
            PartitionPauser pauser,
            JobMetrics metrics,
            Clock clock,
            RecordTraces traces,
            JobExecutor executor) {
        Duration first = p.retry().kafkaFailureDelay();
        Duration max =
                p.retry().maxDelay().compareTo(first) < 0 ? first : p.retry().maxDelay();
        BatchCommit commit = new BatchCommit(transaction, pauser, new Backoff(first, max, 2.0), metrics, clock);
        return new ListenerWiring(
                p, new JobEngine(commit, pauser, traces, metrics, clock, p.attemptTimeout()), executor);
    }

    @Bean
    public AccountsReadyListener accountsReadyListener(
            ListenerWiring wiring, AccountsReadyIntake intake, SnapshotLedger ledger) {
        return wiring.accountsReadyListener(intake, ledger);
    }

    @Bean
    public ScheduledListener scheduledListener(ListenerWiring wiring, CredentialsGuard guard) {
        return wiring.scheduledListener(guard.circuit());
    }

    /**
     * The topics the service uses, created by spring-kafka's {@code KafkaAdmin} when
     * {@code attributes.topics.create} is on. Topics other services own get no partition count: KafkaAdmin
     * would otherwise add partitions to an existing one with fewer, re-keying its logins.
     */
    @Bean
    public KafkaAdmin.NewTopics attributesTopics(AttributesProperties p) {
        AttributesProperties.TopicNames t = p.topics();
        if (!t.create()) {
            return new KafkaAdmin.NewTopics();
        }
        Optional<Integer> partitions = Optional.of(t.defaultPartitions());
        Optional<Integer> foreign = Optional.empty();
        Optional<Short> replication = Optional.of(t.replicationFactor());
        // The plan's settings (schemas TopicPlan).
        return new KafkaAdmin.NewTopics(
                PlannedTopics.newTopic(Topics.ACCOUNTS_READY, t.accountsReady(), foreign, replication),
                PlannedTopics.newTopic(Topics.ATTRIBUTES_SNAPSHOTS, t.snapshots(), partitions, replication),
                PlannedTopics.newTopic(Topics.ATTRIBUTES_SCHEDULED, t.scheduled(), partitions, replication),
                PlannedTopics.newTopic(Topics.ATTRIBUTES_READY, t.attributesReady(), foreign, replication),
                PlannedTopics.newTopic(Topics.PIPELINE_FAILED, t.pipelineFailed(), foreign, replication),
                PlannedTopics.newTopic(
                        Topics.dlt(Topics.ACCOUNTS_READY), Topics.dlt(t.accountsReady()), partitions, replication),
                PlannedTopics.newTopic(
                        Topics.dlt(Topics.ATTRIBUTES_SCHEDULED), Topics.dlt(t.scheduled()), partitions, replication));
    }

    /** The snapshot state of AccountsReady partition N is kept in snapshot partition N: it needs as many. */
    @Bean
    public CoPartitionedTopics attributesCoPartitionedTopics(AttributesProperties p, KafkaAdmin kafkaAdmin) {
        AttributesProperties.TopicNames t = p.topics();
        return new CoPartitionedTopics(
                kafkaAdmin.getConfigurationProperties(),
                List.of(new CoPartitionedTopics.Pair(t.accountsReady(), t.snapshots(), false)),
                t.create(),
                Duration.ofSeconds(30));
    }
}
