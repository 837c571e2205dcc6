package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.IdempotencyLedger;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final JobSteps steps;
    private final OutcomeRecords outcomes;
    private final JobEngine engine;
    private final IdempotencyLedger<Instant> seen;
    private final JobMetrics metrics;
    private final JobMetrics waitMetrics;
    private final Clock clock;
    private final PollerProperties properties;

    LoginReceivedListener(
            JobSteps steps,
            OutcomeRecords outcomes,
            JobEngine engine,
            IdempotencyLedger<Instant> seen,
            JobMetrics metrics,
            JobMetrics waitMetrics,
            Clock clock,
            PollerProperties properties) {
        this.steps = steps;
        this.outcomes = outcomes;
        this.engine = engine;
        this.seen = seen;
        this.metrics = metrics;
        this.waitMetrics = waitMetrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public PollerProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().loginReceived()}",
            groupId = "#{__listener.properties().consumer().groupId()}-logins",
            concurrency = "#{__listener.properties().consumer().loginConcurrency()}",
            containerFactory = "pollerContainerFactory",
            batch = "true")
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
                letters.add(new DeadLetter(
                        record,
                        new InvalidRecordException("expected a LoginReceived, got "
                                + record.value().getClass().getName())));
                continue;
            }
            String eventId = login.getEventId();
            if (seen.processed(record.partition(), eventId) != null
                    || !batchSeen.add(record.partition() + "/" + eventId)) {
                metrics.duplicate("event_id");
                log.info(
                        "loginId={}: LoginReceived {} already taken on, not started again",
                        login.getLoginId(),
                        eventId);
                continue;
            }
            try {
                PollJob job = JobEvents.start(
                        login, now, steps.policy(), properties.webhookFallback().grace());
                if (job.fallback()) {
                    waits.add(job);
                    writes.add(outcomes.waiting(job, ConsumedRecords.traceparent(record)));
                } else {
                    jobs.add(job);
                    sources.add(record);
                }
                accepted.add(record);
                writes.add(seen.record(record.partition(), eventId, now));
            } catch (RuntimeException e) {
                letters.add(new DeadLetter(
                        record, new InvalidRecordException("LoginReceived cannot start a job: " + e.getMessage(), e)));
            }
        }
        long runStart = System.nanoTime();
        List<JobSteps.Step> done = engine.run(steps, ID, jobs, sources);
        long commitStart = System.nanoTime();
        if (!engine.commit().commit(ID, records, consumer, steps, done, writes, letters, nextOffsets)) {
            return;
        }
        metrics.batch(
                "login-received",
                Duration.ofNanos(commitStart - runStart),
                Duration.ofNanos(System.nanoTime() - commitStart));
        jobs.forEach(job -> metrics.started());
        for (ConsumerRecord<Object, Object> source : accepted) {
            seen.committed(source.partition(), ((LoginReceived) source.value()).getEventId(), now);
        }
        for (PollJob wait : waits) {
            waitMetrics.started();
            log.info(
                    "loginId={}: webhook flow, not polled; waiting for its GetAccountsDetail webhook until {}",
                    wait.loginId(),
                    wait.dueAt());
        }
    }
}
