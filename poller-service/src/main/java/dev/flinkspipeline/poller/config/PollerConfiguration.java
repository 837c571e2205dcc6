package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.job.FlinksPort;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollPolicy;
import dev.flinkspipeline.poller.kafka.JobSteps;
import dev.flinkspipeline.poller.kafka.LoginReceivedListener;
import dev.flinkspipeline.poller.kafka.OutcomeRecords;
import dev.flinkspipeline.poller.kafka.WebhookWaitListener;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobEngineConfiguration;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.JobProperties;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.JobListener;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.service.kafka.PlannedTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.support.serializer.DelegatingByTopicDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/** The poller's beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollerProperties.class)
@Import(JobEngineConfiguration.class)
public class PollerConfiguration {

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

    /**
     * Serializes AccountsReady values where the answer arrives, off the consumer threads (see OutcomeRecords), on the
     * producers' registry client: the warm-up resolved its schema.
     */
    @Bean(destroyMethod = "close")
    public AvroSerializer pollerAccountsSerializer(PipelineKafkaProperties pipeline, SchemaRegistryClient registry) {
        return AvroKafka.avroValues(AvroKafka.serdeConfig(pipeline), registry);
    }

    @Bean
    public OutcomeRecords outcomeRecords(
            PollerProperties p, Clock clock, @Qualifier("pollerAccountsSerializer") AvroSerializer serializer) {
        return new OutcomeRecords(
                p.topics(), p.eventSource(), clock, serializer, p.accounts().maxRecordBytes());
    }

    @Bean
    public JobMetrics webhookWaitMetrics(MeterRegistry meters) {
        return new JobMetrics(meters, "webhook_wait");
    }

    /** The LoginReceived eventIds that started a job: ingest can emit one twice, Kafka can redeliver it. */
    @Bean
    public IdempotencyLedger<Instant> loginsSeen(PollerProperties p, Clock clock) {
        return IdempotencyLedger.instants(p.topics().loginsSeen(), p.dedup().window(), clock);
    }

    /** The logins whose AccountsReady arrived (webhook-flow logins then need no fallback). */
    @Bean
    public IdempotencyLedger<Instant> accountsSeen(PollerProperties p, Clock clock) {
        return IdempotencyLedger.instants(
                p.topics().accountsSeen(), p.webhookFallback().window(), clock);
    }

    @Bean
    public JobListener loginReceivedListener(
            @Qualifier("jobRunner") JobRunner runner,
            OutcomeRecords outcomes,
            JobEngine engine,
            @Qualifier("loginsSeen") IdempotencyLedger<Instant> seen,
            JobMetrics waitMetrics,
            PollerProperties p) {
        return LoginReceivedListener.intake(runner, outcomes, engine, seen, waitMetrics, p)
                .listener("logins", p.topics().loginReceived())
                .with(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /** Runs the scheduled steps that are due; PollScheduled records of a partition are in due order. */
    @Bean
    public JobListener pollScheduledListener(
            @Qualifier("scheduledJobRunner") JobRunner runner,
            OutcomeRecords outcomes,
            JobEngine engine,
            PollerProperties p) {
        return JobSteps.scheduled("poller-poll-scheduled", "poll-scheduled", engine)
                .listener("polls", p.topics().pollScheduled(), new JobSteps(runner, outcomes, engine))
                .with(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    }

    /**
     * Webhook-wait and accounts-ready partitions of the same number go to the same consumer (range assignment of
     * co-partitioned topics); accounts-ready values are not decoded (only their key, the loginId, matters).
     */
    @Bean
    public JobListener webhookWaitListener(
            OutcomeRecords outcomes,
            JobEngine engine,
            @Qualifier("accountsSeen") IdempotencyLedger<Instant> accountsSeen,
            JobMetrics waitMetrics,
            PollerProperties p,
            PipelineKafkaProperties pipeline,
            SchemaRegistryClient registry) {
        var listener = new WebhookWaitListener(outcomes, engine, accountsSeen, waitMetrics, p);
        String accountsTopic = p.topics().accountsReady();
        Supplier<Deserializer<Object>> avro = AvroKafka.specificValues(AvroKafka.serdeConfig(pipeline), registry);
        return JobListener.of(
                        WebhookWaitListener.ID,
                        "webhook-wait",
                        listener::onBatch,
                        p.topics().accountsReady(),
                        p.topics().webhookWait())
                .with(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName())
                .values(() -> new ErrorHandlingDeserializer<>(new DelegatingByTopicDeserializer(
                        Map.of(Pattern.compile(Pattern.quote(accountsTopic)), new ByteArrayDeserializer()),
                        avro.get())))
                .ledger(accountsSeen, null);
    }

    /** Its topics with the plan's settings (the ledgers' retention follows this service's windows), and what it writes. */
    @Bean
    public PlannedTopics pollerTopics(KafkaProperties kafka, PollerProperties p, JobProperties job) {
        PollerProperties.TopicNames t = p.topics();
        return job.topics()
                .plan()
                .withDeadLetters(Topics.LOGIN_RECEIVED, t.loginReceived())
                .withDeadLetters(Topics.POLL_SCHEDULED, t.pollScheduled())
                .topic(Topics.ACCOUNTS_READY, t.accountsReady())
                .topic(Topics.PIPELINE_FAILED, t.pipelineFailed())
                .output(t.accountsReady(), AccountsReady.getClassSchema())
                .output(t.pollScheduled(), PollScheduled.getClassSchema())
                .output(t.webhookWait(), PollScheduled.getClassSchema())
                .output(t.pipelineFailed(), PipelineFailed.getClassSchema())
                .topic(Topics.POLLER_LOGINS_SEEN, t.loginsSeen(), p.dedup().window())
                .withDeadLetters(Topics.POLLER_WEBHOOK_WAIT, t.webhookWait())
                .topic(
                        Topics.POLLER_ACCOUNTS_SEEN,
                        t.accountsSeen(),
                        p.webhookFallback().window())
                .coPartitioned(t.loginReceived(), t.loginsSeen(), false)
                .coPartitioned(t.accountsReady(), t.accountsSeen(), false)
                .coPartitioned(t.accountsReady(), t.webhookWait(), true)
                .build(kafka.buildAdminProperties());
    }
}
