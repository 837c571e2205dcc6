package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Starts a job per LoginReceived. A standard-flow login runs its first step at once (GenerateAuthorizeToken,
 * cached Authorize, GetAccountsDetail, for the whole batch together) and its outcome (AccountsReady,
 * PollScheduled or PipelineFailed) is written; a webhook-flow login is not polled: only its wait for the
 * webhook is written, to the webhook-wait topic ({@link WebhookWaitListener}). Everything commits in one
 * transaction with the batch's offsets.
 */
public class LoginReceivedListener {

    public static final String ID = "poller-login-received";

    private static final Logger log = LoggerFactory.getLogger(LoginReceivedListener.class);

    private final JobRunner runner;
    private final BatchSupport support;
    private final PartitionPauser pauser;
    private final SeenKeys seen;
    private final PollerMetrics metrics;
    private final Clock clock;
    private final Duration batchTimeout;
    private final Duration failedBatchPause;
    private final Duration webhookGrace;

    public LoginReceivedListener(JobRunner runner, BatchSupport support, PartitionPauser pauser, SeenKeys seen,
                                 PollerMetrics metrics, Clock clock, Duration batchTimeout, Duration failedBatchPause,
                                 Duration webhookGrace) {
        this.runner = runner;
        this.support = support;
        this.pauser = pauser;
        this.seen = seen;
        this.metrics = metrics;
        this.clock = clock;
        this.batchTimeout = batchTimeout;
        this.failedBatchPause = failedBatchPause;
        this.webhookGrace = webhookGrace;
    }

    @KafkaListener(id = ID, topics = "${poller.topics.login-received:flinks.login-received}",
            groupId = "${poller.consumer.group-id:flinks-poller}-logins",
            concurrency = "${poller.consumer.login-concurrency:1}",
            containerFactory = "pollerContainerFactory", batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        List<ConsumerRecord<Object, Object>> sources = new ArrayList<>();
        List<PollJob> jobs = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        Set<String> batchSeen = new HashSet<>();
        List<ProducerRecord<Object, Object>> writes = new ArrayList<>();
        List<PollJob> waits = new ArrayList<>();
        List<ConsumerRecord<Object, Object>> accepted = new ArrayList<>();
        for (ConsumerRecord<Object, Object> record : records) {
            nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            Optional<DeserializationException> unreadable = DeadLetters.deserializationFailure(record);
            if (unreadable.isPresent()) {
                letters.add(new DeadLetter(record, unreadable.get()));
                continue;
            }
            if (!(record.value() instanceof LoginReceived login)) {
                letters.add(new DeadLetter(record, new InvalidRecordException("expected a LoginReceived, got "
                        + record.value().getClass().getName())));
                continue;
            }
            String eventId = login.getEventId();
            if (seen.seen(record.partition(), eventId) || !batchSeen.add(record.partition() + "/" + eventId)) {
                metrics.duplicateLogin();
                log.info("loginId={}: LoginReceived {} already taken on, not started again", login.getLoginId(),
                        eventId);
                continue;
            }
            try {
                PollJob job = JobEvents.start(login, now, runner.policy(), webhookGrace);
                if (job.fallback()) {
                    waits.add(job);
                    writes.add(support.outcomes().waiting(job, ConsumedRecords.traceparent(record)));
                } else {
                    jobs.add(job);
                    sources.add(record);
                }
                accepted.add(record);
                writes.add(seen.record(record.partition(), eventId, now));
            } catch (RuntimeException e) {
                letters.add(new DeadLetter(record, new InvalidRecordException("LoginReceived cannot start a job: "
                        + e.getMessage(), e)));
            }
        }
        long runStart = System.nanoTime();
        metrics.stepsStarted(jobs.size());
        List<JobBatch.Step> steps;
        try {
            List<String> traces = sources.stream().map(ConsumedRecords::traceparent).toList();
            steps = JobBatch.run(runner, support.outcomes(), jobs, traces, batchTimeout);
        } finally {
            metrics.stepsEnded(jobs.size());
        }
        long commitStart = System.nanoTime();
        List<BatchSupport.Done> done = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            done.add(new BatchSupport.Done(sources.get(i), steps.get(i)));
        }
        if (!support.commit(done, writes, letters, nextOffsets, consumer)) {
            Instant resumeAt = clock.instant().plus(failedBatchPause);
            ConsumedRecords.rewind(records, consumer).keySet().forEach(tp -> pauser.pauseUntil(ID, tp, resumeAt));
            return;
        }
        metrics.batch("login-received", Duration.ofNanos(commitStart - runStart),
                Duration.ofNanos(System.nanoTime() - commitStart));
        for (ConsumerRecord<Object, Object> source : accepted) {
            seen.accepted(source.partition(), ((LoginReceived) source.value()).getEventId(), now);
        }
        for (PollJob wait : waits) {
            metrics.webhookWaitStarted();
            log.info("loginId={}: webhook flow, not polled; waiting for its GetAccountsDetail webhook until {}",
                    wait.loginId(), wait.dueAt());
        }
    }
}
