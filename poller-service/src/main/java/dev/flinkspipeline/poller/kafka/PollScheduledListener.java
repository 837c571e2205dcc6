package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.DueRecords;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.kafka.InvalidRecordException;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Runs the scheduled steps that are due. Records of a partition are in due order (each is written one
 * constant interval, or a shorter backoff, after the step that wrote it), so for each partition the
 * batch is split into a due prefix and the rest: the due prefix runs (all of the batch's due steps
 * concurrently) and is committed with its outcomes in one transaction; the partition is then sought
 * back to its first record that is not due and paused until that record's due time. No thread waits
 * for a due time; a partition whose head is not due costs nothing until it is.
 */
public class PollScheduledListener {

    private static final Logger log = LoggerFactory.getLogger(PollScheduledListener.class);

    public static final String ID = "poller-poll-scheduled";

    private final JobRunner runner;
    private final BatchSupport support;
    private final PartitionPauser pauser;
    private final JobMetrics metrics;
    private final Clock clock;
    private final PollerProperties properties;

    public PollScheduledListener(
            JobRunner runner,
            BatchSupport support,
            PartitionPauser pauser,
            JobMetrics metrics,
            Clock clock,
            PollerProperties properties) {
        this.runner = runner;
        this.support = support;
        this.pauser = pauser;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** The settings its {@code @KafkaListener} reads ({@code #{__listener...}}). */
    public PollerProperties properties() {
        return properties;
    }

    @KafkaListener(
            id = ID,
            topics = "#{__listener.properties().topics().pollScheduled()}",
            groupId = "#{__listener.properties().consumer().groupId()}-polls",
            concurrency = "#{__listener.properties().consumer().pollConcurrency()}",
            containerFactory = "pollerContainerFactory",
            batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        DueRecords<PollJob> split =
                DueRecords.split(records, now, null, true, PollScheduledListener::job, PollJob::dueAt);
        List<ConsumerRecord<Object, Object>> sources =
                new ArrayList<>(split.due().size());
        List<PollJob> due = new ArrayList<>(split.due().size());
        for (DueRecords.Due<PollJob> d : split.due()) {
            metrics.lateness(Duration.between(d.job().dueAt(), now));
            sources.add(d.record());
            due.add(d.job());
        }
        Map<TopicPartition, Long> nextOffsets = split.nextOffsets();
        long runStart = System.nanoTime();
        List<JobBatch.Step> steps = support.run(runner, ID, due, sources);
        long commitStart = System.nanoTime();
        if (!nextOffsets.isEmpty()) {
            List<BatchSupport.Done> done = new ArrayList<>(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                done.add(new BatchSupport.Done(sources.get(i), steps.get(i)));
            }
            if (!support.commit(ID, records, consumer, done, split.requeued(), split.letters(), nextOffsets)) {
                return;
            }
        }
        split.pauseHeads(consumer, pauser, ID);
        reportPending(consumer);
        long end = System.nanoTime();
        metrics.batch("poll-scheduled", Duration.ofNanos(commitStart - runStart), Duration.ofNanos(end - commitStart));
        if (log.isDebugEnabled()) {
            long mostOverdue = due.stream()
                    .map(job -> Duration.between(job.dueAt(), now).toMillis())
                    .max(Long::compare)
                    .orElse(0L);
            log.debug(
                    "Batch of {} records of {}: {} due (the most overdue {} ms late), steps {} ms, commit {} ms, "
                            + "paused {}",
                    records.size(),
                    nextOffsets.keySet(),
                    due.size(),
                    mostOverdue,
                    (commitStart - runStart) / 1_000_000,
                    (end - commitStart) / 1_000_000,
                    split.resumeAt());
        }
    }

    /** The job of a PollScheduled record (webhook waits are PollScheduled records too). */
    static PollJob job(ConsumerRecord<Object, Object> record) {
        if (!(record.value() instanceof PollScheduled scheduled)) {
            throw new InvalidRecordException(
                    "expected a PollScheduled, got " + record.value().getClass().getName());
        }
        try {
            return JobEvents.job(scheduled);
        } catch (RuntimeException e) {
            throw new InvalidRecordException("PollScheduled is not a valid job: " + e.getMessage(), e);
        }
    }

    /** Records not yet consumed on this consumer's partitions of the topic: each is one pending job. */
    private void reportPending(Consumer<?, ?> consumer) {
        long pending = 0;
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(properties.topics().pollScheduled())) {
                OptionalLong lag = consumer.currentLag(tp);
                pending += lag.orElse(0);
            }
        }
        metrics.pending(Thread.currentThread().getName(), pending);
    }
}
