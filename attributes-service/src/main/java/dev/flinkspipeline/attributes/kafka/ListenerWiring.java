package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.JobEngine;

/** Builds the listeners on the job engine (kept here so their helpers stay package-private). */
public final class ListenerWiring {

    private final AttributesProperties properties;
    private final JobEngine engine;
    private final JobSteps steps;

    public ListenerWiring(AttributesProperties properties, JobEngine engine, JobExecutor executor) {
        this.properties = properties;
        this.engine = engine;
        this.steps = new JobSteps(executor, new OutputRecords(properties.topics()), engine);
    }

    public AccountsReadyListener accountsReadyListener(AccountsReadyIntake intake, SnapshotLedger ledger) {
        return new AccountsReadyListener(intake, ledger, steps, engine, properties);
    }

    public ScheduledListener scheduledListener(CircuitOutages outages) {
        return new ScheduledListener(steps, engine, properties, outages);
    }
}
