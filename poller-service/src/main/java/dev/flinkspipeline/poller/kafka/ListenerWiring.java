package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Serializer;
import java.time.Duration;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/** Builds the listeners from what they share (kept here so their helpers stay package-private). */
public final class ListenerWiring {

    private final PollerProperties.TopicNames topics;
    private final BatchSupport support;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final PartitionPauser pauser;

    public ListenerWiring(PollerProperties.TopicNames topics, String eventSource, KafkaTemplate<Object, Object> template,
                          DeadLetterPublishingRecoverer deadLetters, PollerMetrics metrics, Clock clock,
                          KafkaListenerEndpointRegistry registry, ScheduledExecutorService scheduler,
                          Serializer<Object> accountsSerializer) {
        this.topics = topics;
        this.support = new BatchSupport(new OutcomeRecords(topics, eventSource, clock, accountsSerializer),
                new TransactionalBatch<>(template), deadLetters, metrics, clock);
        this.metrics = metrics;
        this.clock = clock;
        this.pauser = new PartitionPauser(registry, scheduler, clock);
    }

    public LoginReceivedListener loginReceivedListener(JobRunner runner, SeenKeys seen, Duration batchTimeout,
                                                       Duration failedBatchPause, Duration webhookGrace) {
        return new LoginReceivedListener(runner, support, pauser, seen, metrics, clock, batchTimeout,
                failedBatchPause, webhookGrace);
    }

    public WebhookWaitListener webhookWaitListener(SeenKeys accountsSeen, Duration webhookGrace,
                                                   Duration failedBatchPause) {
        return new WebhookWaitListener(support, pauser, accountsSeen, metrics, clock, topics.getAccountsReady(),
                webhookGrace, failedBatchPause);
    }

    public PollScheduledListener pollScheduledListener(JobRunner runner, Duration batchTimeout,
                                                       Duration failedBatchPause) {
        return new PollScheduledListener(runner, support,
                pauser, metrics, clock,
                batchTimeout, failedBatchPause, topics.getPollScheduled());
    }
}
