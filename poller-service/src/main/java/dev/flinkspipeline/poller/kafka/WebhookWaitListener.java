package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DelayTopic;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The missing-webhook fallback. One consumer reads two co-partitioned topics: accounts-ready, whose keys say "this
 * login's accounts arrived" (kept in the accounts-seen ledger), and webhook-wait, a {@link DelayTopic} where each
 * webhook-flow login waits out its grace. A due wait whose accounts arrived ends quietly; otherwise a WARN, and its
 * one fallback fetch goes to poll-scheduled.
 */
public class WebhookWaitListener {

    public static final String ID = "poller-webhook-wait";

    private static final Logger log = LoggerFactory.getLogger(WebhookWaitListener.class);

    private final DelayTopic<PollScheduled, PollJob> waits;
    private final OutcomeRecords outcomes;
    private final JobEngine engine;
    private final IdempotencyLedger<Instant> accountsSeen;
    private final JobMetrics metrics;
    private final PollerProperties properties;

    public WebhookWaitListener(
            OutcomeRecords outcomes,
            JobEngine engine,
            IdempotencyLedger<Instant> accountsSeen,
            JobMetrics metrics,
            PollerProperties properties) {
        this.waits = JobSteps.scheduled(ID, "webhook-wait", engine);
        this.outcomes = outcomes;
        this.engine = engine;
        this.accountsSeen = accountsSeen;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** An AccountsReady seen in this batch. */
    private record Arrival(int partition, String loginId, Instant at) {}

    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = engine.clock().instant();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        List<ConsumerRecord<Object, Object>> waiting = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        List<ProducerRecord<Object, Object>> writes = new ArrayList<>();
        for (ConsumerRecord<Object, Object> record : records) {
            if (!record.topic().equals(properties.topics().accountsReady())) {
                waiting.add(record);
                continue;
            }
            nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            if (record.key() instanceof String loginId && !loginId.isBlank()) {
                Instant at = Instant.ofEpochMilli(record.timestamp());
                arrivals.add(new Arrival(record.partition(), loginId, at));
                writes.add(accountsSeen.record(record.partition(), loginId, at));
            }
        }
        DelayTopic.Split<PollJob> split = waits.split(waiting, now);
        nextOffsets.putAll(split.nextOffsets());
        writes.addAll(split.requeued());
        List<Runnable> counts = new ArrayList<>();
        for (DelayTopic.Due<PollJob> due : split.due()) {
            PollJob job = due.job();
            if (accountsArrived(due.record().partition(), job, arrivals)) {
                counts.add(() -> {
                    metrics.step("arrived");
                    log.debug("loginId={}: its accounts arrived within the grace; no fallback", job.loginId());
                });
            } else {
                writes.add(outcomes.scheduled(job.waitingUntil(now), ConsumedRecords.traceparent(due.record())));
                counts.add(() -> {
                    metrics.step("missing");
                    log.warn(
                            "loginId={}: no GetAccountsDetail webhook within {} of LoginReceived; fetching the cached "
                                    + "snapshot once (missing-webhook fallback). Check the webhook URL and secret "
                                    + "configured at Flinks",
                            job.loginId(),
                            grace());
                });
            }
        }
        if (!nextOffsets.isEmpty()
                && !engine.commit()
                        .commit(ID, records, consumer, null, List.of(), writes, split.letters(), nextOffsets)) {
            return;
        }
        arrivals.forEach(a -> accountsSeen.committed(a.partition(), a.loginId(), a.at()));
        counts.forEach(Runnable::run);
        waits.pause(split, consumer);
    }

    private Duration grace() {
        return properties.webhookFallback().grace();
    }

    /**
     * Whether an AccountsReady of the job's login arrived since shortly before its LoginReceived (a webhook can beat
     * the Connect callback; an older one belongs to an earlier connection of the same login).
     */
    private boolean accountsArrived(int partition, PollJob job, List<Arrival> inBatch) {
        Instant since = job.loginReceivedAt() == null
                ? job.firstRequestedAt().minus(grace().multipliedBy(2))
                : job.loginReceivedAt().minus(grace());
        Instant seenAt = accountsSeen.processed(partition, job.loginId());
        return (seenAt != null && !seenAt.isBefore(since))
                || inBatch.stream()
                        .anyMatch(a -> a.partition() == partition
                                && a.loginId().equals(job.loginId())
                                && !a.at().isBefore(since));
    }
}
