package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.job.AccountsReadyIntake;
import dev.flinkspipeline.attributes.job.SnapshotLedger;
import dev.flinkspipeline.attributes.job.SnapshotMark;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.service.job.JobEngine;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import java.time.Clock;
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
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Consumes AccountsReady (both flows). Per batch: dead-letter what cannot be processed, skip snapshots
 * already taken on, start a job for each new snapshot (first attempts run concurrently), then write the
 * outcomes or scheduled retries, the snapshot states and the consumed offsets in one transaction.
 */
public class AccountsReadyListener {

    public static final String ID = "attributes-accounts-ready";
    private static final Logger log = LoggerFactory.getLogger(AccountsReadyListener.class);

    private final AccountsReadyIntake intake;
    private final SnapshotLedger ledger;
    private final JobSteps steps;
    private final JobEngine engine;
    private final AttributesProperties properties;
    private final OutputRecords outputs;
    private final JobMetrics metrics;
    private final Clock clock;

    AccountsReadyListener(
            AccountsReadyIntake intake,
            SnapshotLedger ledger,
            JobSteps steps,
            JobEngine engine,
            AttributesProperties properties,
            OutputRecords outputs) {
        this.intake = intake;
        this.ledger = ledger;
        this.steps = steps;
        this.engine = engine;
        this.properties = properties;
        this.outputs = outputs;
        this.metrics = engine.metrics();
        this.clock = engine.clock();
    }

    private record Started(AccountsReadyIntake.Start start, ConsumerRecord<Object, Object> record) {}

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public AttributesProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().accountsReady()}",
            groupId = "#{__listener.properties().kafka().groupId()}-accounts-ready",
            batch = "true",
            containerFactory = "accountsReadyContainerFactory")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        List<ProducerRecord<Object, Object>> out = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        Map<String, SnapshotMark> batchMarks = new HashMap<>();
        List<Map.Entry<Integer, SnapshotMark>> newMarks = new ArrayList<>();
        List<Started> started = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();

        for (ConsumerRecord<Object, Object> record : records) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            DeserializationException undeserializable =
                    DeadLetters.deserializationFailure(record).orElse(null);
            if (undeserializable != null) {
                letters.add(new DeadLetter(record, undeserializable));
                continue;
            }
            if (!(record.value() instanceof AccountsReady event)) {
                letters.add(unprocessable(
                        record,
                        record.value() == null
                                ? "null value (tombstone)"
                                : "unexpected record type "
                                        + record.value().getClass().getName()));
                continue;
            }
            try {
                judge(record, event, now, out, letters, batchMarks, newMarks, started, afterCommit);
            } catch (RuntimeException unexpected) {
                // A record this code cannot handle must not block its partition: dead-letter it, with why.
                letters.add(unprocessable(record, "unexpected " + unexpected));
                log.error(
                        "AccountsReady at {}-{}@{} goes to the dead-letter topic after an unexpected error",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        unexpected);
            }
        }

        List<JobSteps.Step> done = engine.run(
                steps,
                ID,
                started.stream().map(s -> s.start().job()).toList(),
                started.stream().map(Started::record).toList());
        boolean committed = engine.commit().commit(ID, records, consumer, steps, done, out, letters, offsets);
        if (!committed) {
            return;
        }
        newMarks.forEach(m -> ledger.accept(m.getKey(), m.getValue()));
        afterCommit.forEach(Runnable::run);
    }

    private void judge(
            ConsumerRecord<Object, Object> record,
            AccountsReady event,
            Instant now,
            List<ProducerRecord<Object, Object>> out,
            List<DeadLetter> letters,
            Map<String, SnapshotMark> batchMarks,
            List<Map.Entry<Integer, SnapshotMark>> newMarks,
            List<Started> started,
            List<Runnable> afterCommit) {
        String markKey = record.partition() + "/" + event.getLoginId();
        SnapshotMark latest = batchMarks.containsKey(markKey)
                ? batchMarks.get(markKey)
                : ledgerMark(record.partition(), event.getLoginId());
        String redriveId = RedriveHeader.read(record.headers());
        AccountsReadyIntake.Decision decision = intake.judge(event, redriveId, latest, now);
        if (decision instanceof AccountsReadyIntake.Invalid invalid) {
            letters.add(unprocessable(record, invalid.reason()));
        } else if (decision instanceof AccountsReadyIntake.LaterPart part) {
            log.debug(
                    "loginId={} requestId={}: part {} of {} of snapshot {}, taken on with its first part",
                    event.getLoginId(),
                    event.getRequestId(),
                    part.index() + 1,
                    part.count(),
                    part.snapshotEventId());
        } else if (decision instanceof AccountsReadyIntake.Skip skip) {
            afterCommit.add(() -> metrics.duplicate(skip.verdict().tag(), "source", skip.source()));
            log.info(
                    "loginId={} requestId={} snapshot already taken on ({}): not fetched again",
                    event.getLoginId(),
                    event.getRequestId(),
                    skip.verdict());
        } else {
            AccountsReadyIntake.Start start = (AccountsReadyIntake.Start) decision;
            ProducerRecord<Object, Object> state = ledger.record(record.partition(), start.mark());
            out.add(state);
            batchMarks.put(markKey, start.mark());
            newMarks.add(Map.entry(record.partition(), start.mark()));
            started.add(new Started(start, record));
            afterCommit.add(() -> metrics.started(
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

    private SnapshotMark ledgerMark(int partition, String loginId) {
        return ledger.latest(partition, loginId);
    }

    private static DeadLetter unprocessable(ConsumerRecord<Object, Object> record, String reason) {
        return new DeadLetter(record, new InvalidRecordException(reason));
    }
}
