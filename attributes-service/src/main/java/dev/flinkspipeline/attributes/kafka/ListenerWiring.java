package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.AttemptRunner;
import dev.flinkspipeline.attributes.job.RetryPlanner;
import dev.flinkspipeline.attributes.job.SnapshotMark;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;

/** Builds the listeners on the job engine (kept here so their helpers stay package-private). */
public final class ListenerWiring {

    private final AttributesProperties properties;
    private final JobEngine engine;
    private final JobSteps steps;

    public ListenerWiring(
            AttributesProperties properties, JobEngine engine, AttemptRunner runner, RetryPlanner planner) {
        this.properties = properties;
        this.engine = engine;
        this.steps = new JobSteps(runner, planner, properties.topics(), engine);
    }

    public AccountsReadyListener accountsReadyListener(
            AccountsReadyIntake intake, IdempotencyLedger<SnapshotMark> ledger) {
        return new AccountsReadyListener(intake, ledger, steps, engine, properties);
    }

    public ScheduledListener scheduledListener(CircuitOutages outages) {
        return new ScheduledListener(steps, engine, properties, outages);
    }
}
