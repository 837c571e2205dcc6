package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.JobDecision;
import dev.flinkspipeline.attributes.job.JobExecutor;
import dev.flinkspipeline.service.credentials.CircuitOutages;
import dev.flinkspipeline.service.job.BatchCommit;
import dev.flinkspipeline.service.job.DueRecords;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes the scheduled-retry topic, a delay topic ({@link DueRecords}: no thread waits for a due time; a
 * partition is paused at most {@code maxPause}, to notice jobs appended meanwhile that are due sooner). Due jobs
 * run their next attempt, concurrently; outcomes, next schedules, re-enqueued jobs and offsets are written in
 * one transaction.
 */
public class ScheduledListener {

    public static final String ID = "attributes-scheduled";

    private final JobExecutor executor;
    private final AttributesProperties properties;
    private final OutputRecords outputs;
    private final BatchCommit commit;
    private final PartitionPauser pauser;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Duration maxPause;
    private final CircuitOutages outages;

    /** @param outages when the credentials circuit was open: a job's deadline is credited the time it held it back */
    public ScheduledListener(
            JobExecutor executor,
            AttributesProperties properties,
            OutputRecords outputs,
            BatchCommit commit,
            PartitionPauser pauser,
            JobMetrics metrics,
            Clock clock,
            Duration maxPause,
            CircuitOutages outages) {
        this.executor = executor;
        this.properties = properties;
        this.outputs = outputs;
        this.commit = commit;
        this.pauser = pauser;
        this.metrics = metrics;
        this.clock = clock;
        this.maxPause = maxPause;
        this.outages = outages;
    }

    private record Due(Job job, String traceparent) {}

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public AttributesProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().scheduled()}",
            groupId = "#{__listener.properties().kafka().groupId()}-scheduled",
            batch = "true",
            containerFactory = "scheduledContainerFactory")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        DueRecords<AttributesScheduled> split = DueRecords.split(
                records, now, maxPause, false, ScheduledListener::scheduled, AttributesScheduled::getDueAt);
        List<ProducerRecord<Object, Object>> out = new ArrayList<>(split.requeued());
        List<DeadLetter> letters = new ArrayList<>(split.letters());
        Map<TopicPartition, Long> offsets = split.nextOffsets();
        List<Due> due = new ArrayList<>();
        List<Runnable> afterCommit = new ArrayList<>();
        split.requeued().forEach(requeued -> afterCommit.add(metrics::requeued));
        for (DueRecords.Due<AttributesScheduled> d : split.due()) {
            AttributesScheduled scheduled = d.job();
            Job job;
            try {
                job = JobRecords.fromRecord(scheduled);
                job = job.withDeadline(outages.credit(job.deadline(), scheduled.getDueAt(), now));
            } catch (RuntimeException invalid) {
                letters.add(unprocessable(d.record(), "invalid job: " + invalid.getMessage()));
                continue;
            }
            due.add(new Due(job, ConsumedRecords.traceparent(d.record())));
            Duration late = Duration.between(scheduled.getDueAt(), now);
            afterCommit.add(() -> metrics.lateness(late));
        }

        List<JobExecutor.Traced> decisions = executor.runAll(
                due.stream().map(Due::job).toList(),
                due.stream().map(Due::traceparent).toList(),
                ID);
        boolean committed = commit.run(ID, records, consumer, letters, () -> {
            Instant decidedAt = clock.instant();
            for (JobExecutor.Traced traced : decisions) {
                JobDecision decision = traced.decision();
                out.add(outputs.forDecision(decision, decidedAt, traced.traceparent()));
                afterCommit.add(() -> Decisions.count(metrics, decision, decidedAt));
                Decisions.log(decision);
            }
            if (!out.isEmpty() || !offsets.isEmpty()) {
                commit.transaction().commit(out, letters, offsets, consumer.groupMetadata());
            }
        });
        if (!committed) {
            return;
        }
        split.pauseHeads(consumer, pauser, ID);
        afterCommit.forEach(Runnable::run);
    }

    private static AttributesScheduled scheduled(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof AttributesScheduled scheduled)) {
            throw new InvalidRecordException("not AttributesScheduled");
        }
        return scheduled;
    }

    private static DeadLetter unprocessable(ConsumerRecord<Object, Object> record, String reason) {
        return new DeadLetter(record, new InvalidRecordException(reason));
    }
}
