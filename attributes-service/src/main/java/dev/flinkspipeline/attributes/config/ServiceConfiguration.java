package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.AttributeSet;
import dev.flinkspipeline.attributes.job.FlinksPort;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.attributes.job.SessionPolicy;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.attributes.kafka.AccountsReadyListener;
import dev.flinkspipeline.attributes.kafka.JobSteps;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobEngineConfiguration;
import dev.flinkspipeline.service.job.JobProperties;
import dev.flinkspipeline.service.kafka.AvroKafka;
import dev.flinkspipeline.service.kafka.JobListener;
import dev.flinkspipeline.service.kafka.PipelineKafkaProperties;
import dev.flinkspipeline.service.kafka.PlannedTopics;
import java.time.Clock;
import java.util.SplittableRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the framework-free job parts to the job engine ({@link JobEngineConfiguration}): two {@link JobListener}s. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AttributesProperties.class)
@Import(JobEngineConfiguration.class)
public class ServiceConfiguration {

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
    public IdempotencyLedger<SnapshotAccepted> snapshotLedger(AttributesProperties p, JobEngine engine) {
        IdempotencyLedger<SnapshotAccepted> ledger =
                SnapshotLedger.on(p.topics().snapshots());
        engine.metrics().ledgerSize("snapshots", ledger::size);
        return ledger;
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

    /** AccountsReady: the snapshot state of its partitions is loaded on assignment from the compacted snapshot topic. */
    @Bean
    public JobListener accountsReadyListener(
            AttributesProperties p,
            JobSteps steps,
            SessionPolicy sessions,
            AttributeSet attributeSet,
            IdempotencyLedger<SnapshotAccepted> ledger,
            PipelineKafkaProperties pipeline,
            SchemaRegistryClient registry) {
        var intake = new AccountsReadyIntake(sessions, attributeSet, p.retry().budget());
        return AccountsReadyListener.intake(intake, ledger, steps)
                .listener("accounts-ready", p.topics().accountsReady())
                .ledger(ledger, AvroKafka.specificValues(AvroKafka.serdeConfig(pipeline), registry));
    }

    /**
     * The scheduled-retry topic, the engine's {@link DelayTopic}: due jobs run their next attempt concurrently; a
     * partition is paused at most max-pause, to notice jobs appended meanwhile that are due sooner. A job's deadline
     * is credited the time the credentials circuit held it back.
     */
    @Bean
    public JobListener scheduledListener(AttributesProperties p, JobSteps steps, CredentialsCircuit outages) {
        Clock clock = steps.engine().clock();
        return new DelayTopic<AttributesScheduled, Job>(
                        "attributes-scheduled",
                        "scheduled",
                        AttributesScheduled.class,
                        scheduled -> {
                            Job job = JobRecords.fromRecord(scheduled);
                            job = job.withDeadline(
                                    outages.credit(job.deadline(), scheduled.getDueAt(), clock.instant()));
                            return new DelayTopic.Timed<>(job, scheduled.getDueAt());
                        },
                        p.retry().maxPause(),
                        false,
                        steps.engine())
                .listener("scheduled", p.topics().scheduled(), steps);
    }

    /** Its topics with the plan's settings, and what it writes. */
    @Bean
    public PlannedTopics attributesTopics(AttributesProperties p, JobProperties job, KafkaAdmin kafkaAdmin) {
        AttributesProperties.TopicNames t = p.topics();
        return job.topics()
                .plan()
                .foreign(Topics.ACCOUNTS_READY, t.accountsReady())
                .topic(Topics.dlt(Topics.ACCOUNTS_READY), Topics.dlt(t.accountsReady()))
                .topic(Topics.ATTRIBUTES_SNAPSHOTS, t.snapshots())
                .withDeadLetters(Topics.ATTRIBUTES_SCHEDULED, t.scheduled())
                .foreign(Topics.ATTRIBUTES_READY, t.attributesReady())
                .foreign(Topics.PIPELINE_FAILED, t.pipelineFailed())
                .output(t.attributesReady(), AttributesReady.getClassSchema())
                .output(t.scheduled(), AttributesScheduled.getClassSchema())
                .output(t.pipelineFailed(), PipelineFailed.getClassSchema())
                .output(t.snapshots(), SnapshotAccepted.getClassSchema())
                .coPartitioned(t.accountsReady(), t.snapshots(), false)
                .build(kafkaAdmin.getConfigurationProperties());
    }
}
