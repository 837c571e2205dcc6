package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.metrics.AttributesMetrics;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.retry.Backoff;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the scheduled-retry topic. No thread waits for a due time: per partition, the records up to
 * the last due one are handled (due jobs run their next attempt, concurrently; a not-yet-due job ahead of
 * a due one is re-enqueued at the tail so it does not hold the due one back), the rest of the partition
 * is rewound and paused until its earliest due time (at most {@code maxPause}, to notice jobs appended
 * meanwhile that are due sooner). Outcomes, next schedules, re-enqueued jobs and offsets are written in one
 * transaction.
 */
public class ScheduledListener {

    public static final String ID = "attributes-scheduled";
    private static final Logger log = LoggerFactory.getLogger(ScheduledListener.class);

    private final JobExecutor executor;
    private final OutputRecords outputs;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final TransactionalBatch<Object, Object> output;
    private final PartitionPauser pauser;
    private final BatchFailures failures;
    private final AttributesMetrics metrics;
    private final Clock clock;
    private final Duration maxPause;
    private final CircuitOutages outages;

    /** @param outages when the credentials circuit was open: a job's deadline is credited the time it held it back */
    public ScheduledListener(JobExecutor executor, OutputRecords outputs, DeadLetterPublishingRecoverer deadLetters,
                             TransactionalBatch<Object, Object> output, PartitionPauser pauser, Backoff kafkaBackoff,
                             AttributesMetrics metrics, Clock clock, Duration maxPause, CircuitOutages outages) {
        this.executor = executor;
        this.outputs = outputs;
        this.deadLetters = deadLetters;
        this.output = output;
        this.pauser = pauser;
        this.failures = new BatchFailures(ID, pauser, kafkaBackoff, clock);
        this.metrics = metrics;
        this.clock = clock;
        this.maxPause = maxPause;
        this.outages = outages;
    }

    private record Due(Job job, String traceparent) {
    }

    private record Waiting(TopicPartition partition, long offset, Instant resumeAt) {
    }

    @KafkaListener(id = ID, topics = "${attributes.topics.scheduled}", batch = "true",
            containerFactory = "scheduledContainerFactory")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        List<ProducerRecord<Object, Object>> out = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        List<Due> due = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();

        for (Map.Entry<TopicPartition, List<ConsumerRecord<Object, Object>>> partition : byPartition(records).entrySet()) {
            List<ConsumerRecord<Object, Object>> list = partition.getValue();
            int lastReady = -1;
            for (int i = 0; i < list.size(); i++) {
                if (ready(list.get(i), now)) {
                    lastReady = i;
                }
            }
            for (int i = 0; i <= lastReady; i++) {
                ConsumerRecord<Object, Object> record = list.get(i);
                DeserializationException undeserializable = DeadLetters.deserializationFailure(record).orElse(null);
                if (undeserializable != null || !(record.value() instanceof AttributesScheduled scheduled)) {
                    letters.add(undeserializable != null ? new DeadLetter(record, undeserializable)
                            : unprocessable(record, "not AttributesScheduled"));
                    afterCommit.add(() -> metrics.deadLetter(record.topic(), "undeserializable"));
                    log.warn("scheduled record {}-{}@{} goes to the dead-letter topic", record.topic(),
                            record.partition(), record.offset());
                } else if (scheduled.getDueAt().isAfter(now)) {
                    out.add(outputs.requeue(record));
                    afterCommit.add(metrics::requeued);
                } else {
                    Job job;
                    try {
                        job = JobRecords.fromRecord(scheduled);
                        job = job.withDeadline(outages.credit(job.deadline(), scheduled.getDueAt(), now));
                    } catch (RuntimeException invalid) {
                        letters.add(unprocessable(record, "invalid job: " + invalid.getMessage()));
                        afterCommit.add(() -> metrics.deadLetter(record.topic(), "invalid"));
                        continue;
                    }
                    due.add(new Due(job, ConsumedRecords.traceparent(record)));
                }
            }
            if (lastReady >= 0) {
                offsets.put(partition.getKey(), new OffsetAndMetadata(list.get(lastReady).offset() + 1));
            }
            if (lastReady < list.size() - 1) {
                Instant earliest = null;
                for (int i = lastReady + 1; i < list.size(); i++) {
                    Instant dueAt = ((AttributesScheduled) list.get(i).value()).getDueAt();
                    earliest = earliest == null || dueAt.isBefore(earliest) ? dueAt : earliest;
                }
                Instant cap = now.plus(maxPause);
                waiting.add(new Waiting(partition.getKey(), list.get(lastReady + 1).offset(),
                        earliest.isAfter(cap) ? cap : earliest));
            }
        }

        try {
            List<JobDecision> decisions = executor.runAll(due.stream().map(Due::job).toList());
            Instant decidedAt = clock.instant();
            for (int i = 0; i < decisions.size(); i++) {
                JobDecision decision = decisions.get(i);
                out.add(outputs.forDecision(decision, decidedAt, due.get(i).traceparent()));
                afterCommit.add(() -> metrics.decided(decision, decidedAt));
                Decisions.log(decision);
            }
            if (!out.isEmpty() || !offsets.isEmpty()) {
                output.commit(out, ops -> letters.forEach(l -> deadLetters.accept(l.record(), l.reason())), offsets,
                    consumer.groupMetadata());
            }
        } catch (RuntimeException e) {
            long pause = failures.failed(records, consumer);
            metrics.batchFailed(ID);
            log.error("could not write {} record(s) for {} scheduled job(s); consumed again in {} ms: {}",
                    out.size(), records.size(), pause, e.toString());
            return;
        }
        failures.succeeded();
        for (Waiting w : waiting) {
            consumer.seek(w.partition(), w.offset());
            pauser.pauseUntil(ID, w.partition(), w.resumeAt());
        }
        afterCommit.forEach(Runnable::run);
    }

    /** Whether a record can be handled now: due, or not a valid scheduled job at all (dead letter). */
    private static boolean ready(ConsumerRecord<Object, Object> record, Instant now) {
        return !(record.value() instanceof AttributesScheduled scheduled) || !scheduled.getDueAt().isAfter(now);
    }

    private static Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition(
            List<ConsumerRecord<Object, Object>> records) {
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> partitions = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> record : records) {
            partitions.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                    .add(record);
        }
        return partitions;
    }

    private static DeadLetter unprocessable(ConsumerRecord<Object, Object> record, String reason) {
        return new DeadLetter(record, new InvalidRecordException(reason));
    }
}
