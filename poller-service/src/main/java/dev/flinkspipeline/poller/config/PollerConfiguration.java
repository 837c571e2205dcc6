package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.poller.job.FlinksPort;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollPolicy;
import dev.flinkspipeline.poller.kafka.ListenerWiring;
import dev.flinkspipeline.poller.kafka.LoginReceivedListener;
import dev.flinkspipeline.poller.kafka.PollScheduledListener;
import dev.flinkspipeline.poller.kafka.SeenKeys;
import dev.flinkspipeline.poller.kafka.WebhookWaitListener;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import dev.flinkspipeline.service.flinks.FlinksClientConfiguration;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.LedgerLoader;
import dev.flinkspipeline.service.job.PartitionLedger;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.CoPartitionedTopics;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.service.kafka.PlannedTopics;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.support.serializer.DelegatingByTopicDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/** The poller's beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
@Import({PipelineKafkaConfiguration.class, FlinksClientConfiguration.class})
public class PollerConfiguration {

    @Bean
    public Clock pollerClock() {
        return Clock.systemUTC();
    }

    @Bean
    public PollPolicy pollPolicy(PollerProperties p) {
        PollerProperties.Retry r = p.retry();
        if (r.maxBackoff().compareTo(p.pollInterval()) > 0) {
            LoggerFactory.getLogger(PollerConfiguration.class)
                    .warn(
                            "poller.retry.max-backoff ({}) is longer than "
                                    + "poller.poll-interval ({}): a retry can hold back later polls of its partition",
                            r.maxBackoff(),
                            p.pollInterval());
        }
        return new PollPolicy(
                p.pollInterval(),
                p.maxPollDuration(),
                new Backoff(r.initialBackoff(), r.maxBackoff(), r.multiplier()),
                p.maxReauthorizations(),
                r.maxRetries());
    }

    /** Starts jobs of new logins: its Flinks calls wait behind scheduled polls in the call budget. */
    @Bean
    public JobRunner jobRunner(
            BudgetedFlinksCalls calls, CredentialsCircuit circuit, PollerProperties p, PollPolicy policy, Clock clock) {
        return runner(calls, circuit, p, policy, clock);
    }

    /** Runs scheduled steps (polls, retries): their schedule is promised, so they go first in the budget. */
    @Bean
    public JobRunner scheduledJobRunner(
            BudgetedFlinksCalls calls, CredentialsCircuit circuit, PollerProperties p, PollPolicy policy, Clock clock) {
        return runner(calls.inLane(FlinksCallBudget.Lane.HIGH), circuit, p, policy, clock);
    }

    private static JobRunner runner(
            BudgetedFlinksCalls calls, CredentialsCircuit circuit, PollerProperties p, PollPolicy policy, Clock clock) {
        PollerProperties.Accounts a = p.accounts();
        FlinksPort flinks = FlinksPort.over(
                calls,
                request -> request.withKyc(a.withKyc())
                        .withAccountIdentity(a.withAccountIdentity())
                        .withTransactions(a.withTransactions())
                        .daysOfTransactions(a.daysOfTransactions()));
        // ThreadLocalRandom's methods use the calling thread's state: safe to share.
        return new JobRunner(flinks, policy, clock, ThreadLocalRandom.current(), circuit);
    }

    /** Serializes AccountsReady values where the answer arrives, off the consumer threads (see OutcomeRecords). */
    @Bean(destroyMethod = "close")
    public AvroSerializer pollerAccountsSerializer(PipelineKafkaProperties pipeline) {
        return AvroSerializer.create(AvroKafka.serdeConfig(pipeline), false);
    }

    @Bean
    public ListenerWiring pollerListenerWiring(
            PollerProperties p,
            TransactionalBatch<Object, Object> transaction,
            PartitionPauser pauser,
            MeterRegistry metrics,
            Clock clock,
            @Qualifier("pollerAccountsSerializer") AvroSerializer accountsSerializer,
            RecordTraces traces) {
        return new ListenerWiring(p, transaction, pauser, metrics, clock, accountsSerializer, traces);
    }

    @Bean
    public SeenKeys loginsSeen(PollerProperties p, Clock clock) {
        return new SeenKeys(
                new PartitionLedger<>(), p.topics().loginsSeen(), p.dedup().window(), clock);
    }

    @Bean
    public LoginReceivedListener loginReceivedListener(
            ListenerWiring wiring,
            @Qualifier("jobRunner") JobRunner runner,
            @Qualifier("loginsSeen") SeenKeys seen,
            PollerProperties p) {
        return wiring.loginReceivedListener(runner, seen);
    }

    /** The logins whose AccountsReady arrived (webhook-flow logins then need no fallback). */
    @Bean
    public SeenKeys accountsSeen(PollerProperties p, Clock clock) {
        return new SeenKeys(
                new PartitionLedger<>(),
                p.topics().accountsSeen(),
                p.webhookFallback().window(),
                clock);
    }

    @Bean
    public WebhookWaitListener webhookWaitListener(
            ListenerWiring wiring, @Qualifier("accountsSeen") SeenKeys accountsSeen) {
        return wiring.webhookWaitListener(accountsSeen);
    }

    @Bean
    public PollScheduledListener pollScheduledListener(
            ListenerWiring wiring, @Qualifier("scheduledJobRunner") JobRunner runner) {
        return wiring.pollScheduledListener(runner);
    }

    /**
     * Batch listeners that commit nothing themselves (ack mode MANUAL, never acknowledged): offsets go
     * into the listeners' own transactions.
     */
    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> pollerContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory,
            PollerProperties p,
            @Qualifier("loginsSeen") SeenKeys seen,
            MeterRegistry meters) {
        PollerProperties.Consumer c = p.consumer();
        Map<String, Object> config = listenerConsumerConfig(consumerFactory, c);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(config, Map.of());
        // The consumers' own metrics, consumer lag among them (kafka_consumer_fetch_manager_records_lag_max).
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        ContainerProperties props = factory.getContainerProperties();
        props.setAckMode(ContainerProperties.AckMode.MANUAL);
        props.setPollTimeout(c.pollTimeout().toMillis());
        // The eventIds of login-received partitions, loaded on assignment (PollScheduled partitions are ignored).
        props.setConsumerRebalanceListener(new LedgerLoader<>(
                p.topics().loginReceived(),
                p.topics().loginsSeen(),
                seen.ledger(),
                consumerFactory.getConfigurationProperties(),
                PollerConfiguration::bytes,
                seen::decode,
                p.dedup().loadTimeout(),
                "flinks-poller-logins-seen"));
        return factory;
    }

    /**
     * The webhook-wait listener's containers: webhook-wait and accounts-ready partitions of the same number
     * go to the same consumer (range assignment of co-partitioned topics), and accounts-ready values are not
     * decoded (only their key, the loginId, matters).
     */
    @Bean
    public ConcurrentKafkaListenerContainerFactory<Object, Object> pollerWebhookWaitContainerFactory(
            ConsumerFactory<Object, Object> consumerFactory,
            PollerProperties p,
            PipelineKafkaProperties pipeline,
            @Qualifier("accountsSeen") SeenKeys accountsSeen,
            MeterRegistry meters) {
        PollerProperties.Consumer c = p.consumer();
        Map<String, Object> config = listenerConsumerConfig(consumerFactory, c);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        Map<String, Object> serde = AvroKafka.serdeConfig(pipeline);
        DefaultKafkaConsumerFactory<Object, Object> consumers = AvroKafka.consumerFactory(config, Map.of());
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        String accountsTopic = p.topics().accountsReady();
        consumers.setValueDeserializerSupplier(() -> {
            Map<String, Object> avroConfig = new HashMap<>(serde);
            avroConfig.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
            AvroDeserializer avro = new AvroDeserializer();
            avro.configure(avroConfig, false);
            return new ErrorHandlingDeserializer<>(new DelegatingByTopicDeserializer(
                    Map.of(Pattern.compile(Pattern.quote(accountsTopic)), new ByteArrayDeserializer()), avro));
        });
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
                new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setBatchListener(true);
        ContainerProperties props = factory.getContainerProperties();
        props.setAckMode(ContainerProperties.AckMode.MANUAL);
        props.setPollTimeout(c.pollTimeout().toMillis());
        props.setConsumerRebalanceListener(new LedgerLoader<>(
                accountsTopic,
                p.topics().accountsSeen(),
                accountsSeen.ledger(),
                consumerFactory.getConfigurationProperties(),
                PollerConfiguration::bytes,
                accountsSeen::decode,
                p.dedup().loadTimeout(),
                "flinks-poller-accounts-seen"));
        return factory;
    }

    /**
     * Listener consumer settings, in the consumer factory itself: a container factory does not pass its
     * kafkaConsumerProperties on to the containers it creates.
     */
    private static Map<String, Object> listenerConsumerConfig(
            ConsumerFactory<Object, Object> consumerFactory, PollerProperties.Consumer c) {
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, c.maxPollRecords());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                c.maxPollInterval().toMillis());
        // A resumed partition is fetched only when the consumer's pending fetch to that broker returns: a
        // caught-up partition keeps one waiting up to fetch.max.wait.ms, which would add to the lateness.
        config.put(
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) c.fetchMaxWait().toMillis());
        return config;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<Object> bytes() {
        return (Deserializer) new ByteArrayDeserializer();
    }

    @Bean
    CoPartitionedTopics coPartitionedTopics(KafkaProperties kafka, PollerProperties p) {
        PollerProperties.TopicNames t = p.topics();
        return new CoPartitionedTopics(
                kafka.buildAdminProperties(),
                List.of(
                        new CoPartitionedTopics.Pair(t.loginReceived(), t.loginsSeen(), false),
                        new CoPartitionedTopics.Pair(t.accountsReady(), t.accountsSeen(), false),
                        new CoPartitionedTopics.Pair(t.accountsReady(), t.webhookWait(), true)),
                t.create(),
                Duration.ofSeconds(30));
    }

    @Bean
    public KafkaAdmin.NewTopics pollerTopics(PollerProperties p) {
        PollerProperties.TopicNames t = p.topics();
        if (!t.create()) {
            return new KafkaAdmin.NewTopics();
        }
        Optional<Integer> partitions = Optional.of(t.partitions());
        Optional<Short> replication = t.replicationFactor() < 1 ? Optional.empty() : Optional.of(t.replicationFactor());
        // The plan's settings (schemas TopicPlan); the ledgers' retention follows this service's windows.
        return new KafkaAdmin.NewTopics(
                PlannedTopics.newTopic(Topics.LOGIN_RECEIVED, t.loginReceived(), partitions, replication),
                PlannedTopics.newTopic(Topics.POLL_SCHEDULED, t.pollScheduled(), partitions, replication),
                PlannedTopics.newTopic(Topics.ACCOUNTS_READY, t.accountsReady(), partitions, replication),
                PlannedTopics.newTopic(Topics.PIPELINE_FAILED, t.pipelineFailed(), partitions, replication),
                // Read partition by partition along login-received: the same partition count.
                PlannedTopics.newTopic(
                        Topics.POLLER_LOGINS_SEEN,
                        t.loginsSeen(),
                        partitions,
                        replication,
                        Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(p.dedup().window().toMillis()))),
                PlannedTopics.newTopic(Topics.POLLER_WEBHOOK_WAIT, t.webhookWait(), partitions, replication),
                PlannedTopics.newTopic(
                        Topics.POLLER_ACCOUNTS_SEEN,
                        t.accountsSeen(),
                        partitions,
                        replication,
                        Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(p.webhookFallback().window().toMillis()))),
                PlannedTopics.newTopic(
                        Topics.dlt(Topics.LOGIN_RECEIVED), Topics.dlt(t.loginReceived()), partitions, replication),
                PlannedTopics.newTopic(
                        Topics.dlt(Topics.POLL_SCHEDULED), Topics.dlt(t.pollScheduled()), partitions, replication),
                PlannedTopics.newTopic(
                        Topics.dlt(Topics.POLLER_WEBHOOK_WAIT), Topics.dlt(t.webhookWait()), partitions, replication));
    }
}
