package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    private final BatchSupport support;
    private final PartitionPauser pauser;
    private final SeenKeys accountsSeen;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final String accountsTopic;
    private final Duration grace;
    private final Duration failedBatchPause;

    public WebhookWaitListener(BatchSupport support, PartitionPauser pauser, SeenKeys accountsSeen,
                               PollerMetrics metrics, Clock clock, String accountsTopic, Duration grace,
                               Duration failedBatchPause) {
        this.support = support;
        this.pauser = pauser;
        this.accountsSeen = accountsSeen;
        this.metrics = metrics;
        this.clock = clock;
        this.accountsTopic = accountsTopic;
        this.grace = grace;
        this.failedBatchPause = failedBatchPause;
    }

    /** An AccountsReady seen in this batch. */
    private record Arrival(int partition, String loginId, Instant at) {
    }

    @KafkaListener(id = ID, topics = {"${poller.topics.webhook-wait:flinks-poller.webhook-wait}",
            "${poller.topics.accounts-ready:flinks.accounts-ready}"},
            groupId = "${poller.consumer.group-id:flinks-poller}-webhook-wait",
            concurrency = "${poller.consumer.webhook-wait-concurrency:1}",
            containerFactory = "pollerWebhookWaitContainerFactory", batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> waits = new LinkedHashMap<>();
        List<Arrival> arrivals = new ArrayList<>();
        List<ProducerRecord<Object, Object>> writes = new ArrayList<>();
        for (ConsumerRecord<Object, Object> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (!record.topic().equals(accountsTopic)) {
                waits.computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
                continue;
            }
            nextOffsets.put(tp, record.offset() + 1);
            if (record.key() instanceof String loginId && !loginId.isBlank()) {
                Instant at = Instant.ofEpochMilli(record.timestamp());
                arrivals.add(new Arrival(record.partition(), loginId, at));
                writes.add(accountsSeen.record(record.partition(), loginId, at));
            }
        }
        DueJobs split = DueJobs.split(waits, now);
        nextOffsets.putAll(split.nextOffsets);
        List<PollJob> arrived = new ArrayList<>();
        List<PollJob> missing = new ArrayList<>();
        for (DueJobs.Due due : split.due) {
            PollJob job = due.job();
            if (accountsArrived(due.record().partition(), job, arrivals)) {
                arrived.add(job);
            } else {
                missing.add(job);
                writes.add(support.outcomes().scheduled(job.waitingUntil(now), ConsumedRecords.traceparent(due.record())));
            }
        }
        if (!nextOffsets.isEmpty() && !support.commit(List.of(), writes, split.letters, nextOffsets, consumer)) {
            Instant resumeAt = clock.instant().plus(failedBatchPause);
            ConsumedRecords.rewind(records, consumer).keySet().forEach(tp -> pauser.pauseUntil(ID, tp, resumeAt));
            return;
        }
        for (Arrival arrival : arrivals) {
            accountsSeen.accepted(arrival.partition(), arrival.loginId(), arrival.at());
        }
        for (PollJob job : arrived) {
            metrics.webhookWaitEnded(true);
            log.debug("loginId={}: its accounts arrived within the grace; no fallback", job.loginId());
        }
        for (PollJob job : missing) {
            metrics.webhookWaitEnded(false);
            log.warn("loginId={}: no GetAccountsDetail webhook within {} of LoginReceived; fetching the cached "
                    + "snapshot once (missing-webhook fallback). Check the webhook URL and secret configured at "
                    + "Flinks", job.loginId(), grace);
        }
        split.pauseHeads(consumer, pauser, ID);
    }

    /**
     * Whether an AccountsReady of the job's login arrived since shortly before its LoginReceived (a webhook
     * can beat the Connect callback; an older one belongs to an earlier connection of the same login).
     */
    private boolean accountsArrived(int partition, PollJob job, List<Arrival> inBatch) {
        Instant since = job.loginReceivedAt() == null ? job.firstRequestedAt().minus(grace.multipliedBy(2))
                : job.loginReceivedAt().minus(grace);
        Instant seenAt = accountsSeen.seenAt(partition, job.loginId());
        if (seenAt != null && !seenAt.isBefore(since)) {
            return true;
        }
        return inBatch.stream().anyMatch(a -> a.partition() == partition && a.loginId().equals(job.loginId())
                && !a.at().isBefore(since));
    }
}
