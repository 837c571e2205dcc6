package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.BatchCommit;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serializer;

/** Builds the listeners from what they share (kept here so their helpers stay package-private). */
public final class ListenerWiring {

    private final PollerProperties properties;
    private final BatchSupport support;
    private final JobMetrics metrics;
    private final JobMetrics waitMetrics;
    private final Clock clock;
    private final PartitionPauser pauser;

    public ListenerWiring(
            PollerProperties properties,
            TransactionalBatch<Object, Object> transaction,
            PartitionPauser pauser,
            MeterRegistry meters,
            Clock clock,
            Serializer<Object> accountsSerializer,
            RecordTraces traces) {
        this.properties = properties;
        this.metrics = new JobMetrics(meters, "accounts");
        Duration pause = properties.consumer().failedBatchPause();
        Backoff failedBatchBackoff = new Backoff(pause, pause, 1);
        this.support = new BatchSupport(
                new OutcomeRecords(
                        properties.topics(),
                        properties.eventSource(),
                        clock,
                        accountsSerializer,
                        properties.accounts().maxRecordBytes()),
                new BatchCommit(transaction, pauser, failedBatchBackoff, metrics, clock),
                metrics,
                clock,
                traces,
                properties.consumer().batchTimeout());
        this.waitMetrics = new JobMetrics(meters, "webhook_wait");
        this.clock = clock;
        this.pauser = pauser;
    }

    public LoginReceivedListener loginReceivedListener(JobRunner runner, SeenKeys seen) {
        return new LoginReceivedListener(runner, support, seen, metrics, waitMetrics, clock, properties);
    }

    public WebhookWaitListener webhookWaitListener(SeenKeys accountsSeen) {
        return new WebhookWaitListener(support, pauser, accountsSeen, waitMetrics, clock, properties);
    }

    public PollScheduledListener pollScheduledListener(JobRunner runner) {
        return new PollScheduledListener(runner, support, pauser, metrics, clock, properties);
    }
}
