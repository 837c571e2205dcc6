package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DueRecords;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import java.time.Clock;
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
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The missing-webhook fallback of webhook-flow logins. One consumer reads two co-partitioned topics
 * (same partition count, range assignment): accounts-ready, whose records only say "this login's
 * accounts arrived" (values are not decoded), and webhook-wait, where each webhook-flow login waits until
 * its grace ends. A wait that comes due for a login whose AccountsReady arrived ends quietly; otherwise a
 * WARN names the login and the grace, and the login's one fallback fetch (cached Authorize,
 * GetAccountsDetail) goes to poll-scheduled, where it runs like any job. Waits of a partition are in due
 * order (all wait the same grace), so, as for polls, a partition is paused until its head is due and no
 * thread waits. Arrivals are kept in the compacted accounts-seen ledger, in the batch's transaction, so
 * they survive restarts and rebalances.
 */
public class WebhookWaitListener {

    public static final String ID = "poller-webhook-wait";

    private static final Logger log = LoggerFactory.getLogger(WebhookWaitListener.class);

    private final OutcomeRecords outcomes;
    private final JobEngine engine;
    private final IdempotencyLedger<Instant> accountsSeen;
    private final JobMetrics metrics;
    private final Clock clock;
    private final String accountsTopic;
    private final Duration grace;
    private final PollerProperties properties;

    WebhookWaitListener(
            OutcomeRecords outcomes,
            JobEngine engine,
            IdempotencyLedger<Instant> accountsSeen,
            JobMetrics metrics,
            PollerProperties properties) {
        this.outcomes = outcomes;
        this.engine = engine;
        this.accountsSeen = accountsSeen;
        this.metrics = metrics;
        this.clock = engine.clock();
        this.accountsTopic = properties.topics().accountsReady();
        this.grace = properties.webhookFallback().grace();
        this.properties = properties;
    }

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public PollerProperties properties() {
        return properties;
    }

    /** An AccountsReady seen in this batch. */
    private record Arrival(int partition, String loginId, Instant at) {}

    @KafkaListener(
            id = ID,
            topics = {
                "#{__listener.properties().topics().webhookWait()}",
                "#{__listener.properties().topics().accountsReady()}"
            },
            groupId = "#{__listener.properties().consumer().groupId()}-webhook-wait",
            concurrency = "#{__listener.properties().consumer().webhookWaitConcurrency()}",
            containerFactory = "pollerWebhookWaitContainerFactory",
            batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        List<ConsumerRecord<Object, Object>> waits = new ArrayList<>();
        List<Arrival> arrivals = new ArrayList<>();
        List<ProducerRecord<Object, Object>> writes = new ArrayList<>();
        for (ConsumerRecord<Object, Object> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (!record.topic().equals(accountsTopic)) {
                waits.add(record);
                continue;
            }
            nextOffsets.put(tp, record.offset() + 1);
            if (record.key() instanceof String loginId && !loginId.isBlank()) {
                Instant at = Instant.ofEpochMilli(record.timestamp());
                arrivals.add(new Arrival(record.partition(), loginId, at));
                writes.add(accountsSeen.record(record.partition(), loginId, at));
            }
        }
        DueRecords<PollJob> split =
                DueRecords.split(waits, now, null, true, PollScheduledListener::job, PollJob::dueAt);
        nextOffsets.putAll(split.nextOffsets());
        writes.addAll(split.requeued());
        List<PollJob> arrived = new ArrayList<>();
        List<PollJob> missing = new ArrayList<>();
        for (DueRecords.Due<PollJob> due : split.due()) {
            PollJob job = due.job();
            if (accountsArrived(due.record().partition(), job, arrivals)) {
                arrived.add(job);
            } else {
                missing.add(job);
                writes.add(outcomes.scheduled(job.waitingUntil(now), ConsumedRecords.traceparent(due.record())));
            }
        }
        if (!nextOffsets.isEmpty()
                && !engine.commit().commit(ID, records, consumer, writes, split.letters(), nextOffsets)) {
            return;
        }
        for (Arrival arrival : arrivals) {
            accountsSeen.committed(arrival.partition(), arrival.loginId(), arrival.at());
        }
        for (PollJob job : arrived) {
            metrics.step("arrived");
            log.debug("loginId={}: its accounts arrived within the grace; no fallback", job.loginId());
        }
        for (PollJob job : missing) {
            metrics.step("missing");
            log.warn(
                    "loginId={}: no GetAccountsDetail webhook within {} of LoginReceived; fetching the cached "
                            + "snapshot once (missing-webhook fallback). Check the webhook URL and secret configured at "
                            + "Flinks",
                    job.loginId(),
                    grace);
        }
        split.pauseHeads(consumer, engine.pauser(), ID);
    }

    /**
     * Whether an AccountsReady of the job's login arrived since shortly before its LoginReceived (a webhook
     * can beat the Connect callback; an older one belongs to an earlier connection of the same login).
     */
    private boolean accountsArrived(int partition, PollJob job, List<Arrival> inBatch) {
        Instant since = job.loginReceivedAt() == null
                ? job.firstRequestedAt().minus(grace.multipliedBy(2))
                : job.loginReceivedAt().minus(grace);
        Instant seenAt = accountsSeen.processed(partition, job.loginId());
        if (seenAt != null && !seenAt.isBefore(since)) {
            return true;
        }
        return inBatch.stream()
                .anyMatch(a ->
                        a.partition() == partition && a.loginId().equals(job.loginId()) && !a.at().isBefore(since));
    }
}
