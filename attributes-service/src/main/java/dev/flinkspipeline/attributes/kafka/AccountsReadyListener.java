package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.internal.SnapshotAccepted;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.Intake;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job per new snapshot of AccountsReady (both flows), on the engine's {@link Intake} (ledger: the latest
 * snapshot taken on per login, {@link SnapshotLedger}); snapshots already taken on are skipped.
 */
public class AccountsReadyListener implements Intake.Tenant<AccountsReady, Job, SnapshotAccepted> {

    public static final String ID = "attributes-accounts-ready";
    private static final Logger log = LoggerFactory.getLogger(AccountsReadyListener.class);

    private final AccountsReadyIntake intake;
    private final JobMetrics metrics;

    private AccountsReadyListener(AccountsReadyIntake intake, JobMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
    }

    /** Its intake: one batch starts its jobs and runs their first attempts together. */
    public static Intake<AccountsReady, Job, SnapshotAccepted, JobSteps.Step> intake(
            AccountsReadyIntake intake, IdempotencyLedger<SnapshotAccepted> ledger, JobSteps steps) {
        var tenant = new AccountsReadyListener(intake, steps.engine().metrics());
        return new Intake<>(
                ID, "accounts-ready", AccountsReady.class, AccountsReady::getLoginId, tenant, ledger, steps);
    }

    @Override
    public void take(
            ConsumerRecord<Object, Object> record,
            AccountsReady event,
            SnapshotAccepted latest,
            Intake.Batch<Job, SnapshotAccepted> batch) {
        String redriveId = RedriveHeader.read(record.headers());
        switch (intake.judge(event, redriveId, latest, batch.now())) {
            case AccountsReadyIntake.Invalid invalid -> throw new InvalidRecordException(invalid.reason());
            case AccountsReadyIntake.LaterPart part ->
                log.debug(
                        "loginId={} requestId={}: part {} of {} of snapshot {}, taken on with its first part",
                        event.getLoginId(),
                        event.getRequestId(),
                        part.index() + 1,
                        part.count(),
                        part.snapshotEventId());
            case AccountsReadyIntake.Skip skip -> {
                batch.afterCommit(() -> metrics.duplicate(skip.verdict().tag(), "source", skip.source()));
                log.info(
                        "loginId={} requestId={} snapshot already taken on ({}): not fetched again",
                        event.getLoginId(),
                        event.getRequestId(),
                        skip.verdict());
            }
            case AccountsReadyIntake.Start start -> {
                batch.processed(start.mark().getLoginId(), start.mark());
                batch.start(start.job());
                batch.afterCommit(() -> metrics.started(
                        "path",
                        start.choice().path(),
                        "reason",
                        start.choice().name(),
                        "source",
                        start.job().source()));
                log.info(
                        "loginId={} requestId={} source={}: Attributes {} ({}){}",
                        event.getLoginId(),
                        event.getRequestId(),
                        event.getSource(),
                        start.choice().reuse() ? "with the AccountsReady requestId" : "on a new session",
                        start.choice(),
                        redriveId == null ? "" : ", re-driven " + redriveId);
            }
        }
    }
}
