package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.flinks.FlinksClientConfiguration;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.attributes.dedup.SnapshotLedger;
import dev.flinkspipeline.attributes.flinks.AttributeSet;
import dev.flinkspipeline.attributes.flinks.FlinksClientPort;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.attributes.job.RetryDelays;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.attributes.kafka.AccountsReadyListener;
import dev.flinkspipeline.attributes.kafka.OutputRecords;
import dev.flinkspipeline.attributes.kafka.ScheduledListener;
import dev.flinkspipeline.attributes.metrics.AttributesMetrics;
import dev.flinkspipeline.attributes.session.SessionPolicy;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.service.budget.FlinksCallBudget;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.retry.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.CoPartitionedTopics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;

/** Wires the framework-free parts (session policy, attempts, retries, deduplication) to Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttributesProperties.class)
@Import({PipelineKafkaConfiguration.class, FlinksClientConfiguration.class, ListenerConfiguration.class})
public class ServiceConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public AttributeSet attributeSet(AttributesProperties p) {
        AttributesProperties.Custom c = p.getCustom();
        return AttributeSet.parse(p.getAttributeSet(), c.getAttributes(), c.getAccountCategories(),
                c.isFilterAccounts(), c.getAccountTypes(), c.getAttributesDetail());
    }

    @Bean
    public SessionPolicy sessionPolicy(AttributesProperties p) {
        return new SessionPolicy(p.getSession().getIdleTimeout(), p.getSession().getMargin());
    }

    @Bean
    public AttributesMetrics attributesMetrics(MeterRegistry registry, SnapshotLedger ledger) {
        AttributesMetrics metrics = new AttributesMetrics(registry);
        metrics.snapshotsKnown(ledger::size);
        return metrics;
    }

    @Bean
    public JobExecutor jobExecutor(AttributesProperties p, FlinksClient client, FlinksCallBudget budget,
                                   CredentialsGuard guard, AttributeSet attributeSet, SessionPolicy sessions,
                                   Clock clock) {
        AttributesProperties.Retry r = p.getRetry();
        BudgetedFlinksCalls calls = new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.NORMAL, guard);
        AttemptRunner runner = new AttemptRunner(new FlinksClientPort(calls, attributeSet), sessions, clock,
                p.getSession().getMaxAuthorizations(), p.getSession().isAccountsDetailFirst());
        RetryDelays delays = new RetryDelays(r.getPendingInterval(), r.getPendingJitter(),
                new Backoff(r.getInitialDelay(), r.getMaxDelay(), r.getMultiplier()), new SplittableRandom());
        return new JobExecutor(runner, new RetryPlanner(delays), clock, p.getAttemptTimeout());
    }

    @Bean
    public SnapshotLedger snapshotLedger() {
        return new SnapshotLedger();
    }

    @Bean
    public AccountsReadyIntake accountsReadyIntake(AttributesProperties p, SessionPolicy sessions,
                                                   AttributeSet attributeSet) {
        return new AccountsReadyIntake(sessions, attributeSet, p.getRetry().getBudget());
    }

    @Bean(destroyMethod = "close")
    public PartitionPauser partitionPauser(KafkaListenerEndpointRegistry registry, Clock clock) {
        return new PartitionPauser(registry, clock, "attributes-partition-resumer");
    }

    private static Backoff kafkaBackoff(AttributesProperties p) {
        Duration first = p.getRetry().getKafkaFailureDelay();
        Duration max = p.getRetry().getMaxDelay().compareTo(first) < 0 ? first : p.getRetry().getMaxDelay();
        return new Backoff(first, max, 2.0);
    }

    @Bean
    public AccountsReadyListener accountsReadyListener(AttributesProperties p, AccountsReadyIntake intake,
                                                       SnapshotLedger ledger, JobExecutor executor,
                                                       KafkaTemplate<Object, Object> template, PartitionPauser pauser,
                                                       DeadLetterPublishingRecoverer deadLetters,
                                                       AttributesMetrics metrics, Clock clock) {
        return new AccountsReadyListener(intake, ledger, executor, new OutputRecords(p.getTopics()),
                deadLetters, new TransactionalBatch<>(template), pauser,
                kafkaBackoff(p), metrics, clock);
    }

    @Bean
    public ScheduledListener scheduledListener(AttributesProperties p, JobExecutor executor,
                                               KafkaTemplate<Object, Object> template, PartitionPauser pauser,
                                               DeadLetterPublishingRecoverer deadLetters, AttributesMetrics metrics,
                                               Clock clock, CredentialsGuard guard) {
        return new ScheduledListener(executor, new OutputRecords(p.getTopics()),
                deadLetters, new TransactionalBatch<>(template), pauser,
                kafkaBackoff(p), metrics, clock, p.getRetry().getMaxPause(), guard.circuit());
    }

    /**
     * The topics the service uses, created by spring-kafka's {@code KafkaAdmin} when
     * {@code attributes.topics.create} is on. Topics other services own get no partition count: KafkaAdmin
     * would otherwise add partitions to an existing one with fewer, re-keying its logins.
     */
    @Bean
    public KafkaAdmin.NewTopics attributesTopics(AttributesProperties p) {
        AttributesProperties.TopicNames t = p.getTopics();
        if (!t.isCreate()) {
            return new KafkaAdmin.NewTopics();
        }
        Optional<Integer> partitions = Optional.of(t.getDefaultPartitions());
        Optional<Integer> foreign = Optional.empty();
        Optional<Short> replication = Optional.of(t.getReplicationFactor());
        Map<String, String> large = Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        return new KafkaAdmin.NewTopics(
                new NewTopic(t.getAccountsReady(), foreign, replication).configs(large),
                new NewTopic(t.getSnapshots(), partitions, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(t.getScheduled(), partitions, replication).configs(large),
                new NewTopic(t.getAttributesReady(), foreign, replication),
                new NewTopic(t.getPipelineFailed(), foreign, replication),
                new NewTopic(Topics.dlt(t.getAccountsReady()), partitions, replication).configs(large),
                new NewTopic(Topics.dlt(t.getScheduled()), partitions, replication).configs(large));
    }

    /** The snapshot state of AccountsReady partition N is kept in snapshot partition N: it needs as many. */
    @Bean
    public CoPartitionedTopics attributesCoPartitionedTopics(AttributesProperties p, KafkaAdmin kafkaAdmin) {
        AttributesProperties.TopicNames t = p.getTopics();
        return new CoPartitionedTopics(kafkaAdmin.getConfigurationProperties(),
                List.of(new CoPartitionedTopics.Pair(t.getAccountsReady(), t.getSnapshots(), false)), t.isCreate(),
                Duration.ofSeconds(30));
    }
}
