package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.PartitionPauser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    private final PollerMetrics metrics;
    private final Clock clock;
    private final Duration batchTimeout;
    private final Duration failedBatchPause;
    private final String topic;

    public PollScheduledListener(JobRunner runner, BatchSupport support, PartitionPauser pauser, PollerMetrics metrics,
                                 Clock clock, Duration batchTimeout, Duration failedBatchPause, String topic) {
        this.runner = runner;
        this.support = support;
        this.pauser = pauser;
        this.metrics = metrics;
        this.clock = clock;
        this.batchTimeout = batchTimeout;
        this.failedBatchPause = failedBatchPause;
        this.topic = topic;
    }

    @KafkaListener(id = ID, topics = "${poller.topics.poll-scheduled:flinks-poller.poll-scheduled}",
            groupId = "${poller.consumer.group-id:flinks-poller}-polls",
            concurrency = "${poller.consumer.poll-concurrency:2}",
            containerFactory = "pollerContainerFactory", batch = "true")
    public void onBatch(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Instant now = clock.instant();
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new ArrayList<>())
                    .add(record);
        }
        DueJobs split = DueJobs.split(byPartition, now);
        List<ConsumerRecord<Object, Object>> sources = new ArrayList<>(split.due.size());
        List<PollJob> due = new ArrayList<>(split.due.size());
        for (DueJobs.Due d : split.due) {
            metrics.lateness(Duration.between(d.job().dueAt(), now));
            sources.add(d.record());
            due.add(d.job());
        }
        Map<TopicPartition, Long> nextOffsets = split.nextOffsets;
        long runStart = System.nanoTime();
        List<JobBatch.Step> steps = List.of();
        if (!due.isEmpty()) {
            metrics.stepsStarted(due.size());
            try {
                List<String> traces = sources.stream().map(ConsumedRecords::traceparent).toList();
                steps = JobBatch.run(runner, support.outcomes(), due, traces, batchTimeout);
            } finally {
                metrics.stepsEnded(due.size());
            }
        }
        long commitStart = System.nanoTime();
        if (!nextOffsets.isEmpty()) {
            List<BatchSupport.Done> done = new ArrayList<>(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                done.add(new BatchSupport.Done(sources.get(i), steps.get(i)));
            }
            if (!support.commit(done, split.letters, nextOffsets, consumer)) {
                Instant resumeAt = clock.instant().plus(failedBatchPause);
                ConsumedRecords.rewind(records, consumer).keySet().forEach(tp -> pauser.pauseUntil(ID, tp, resumeAt));
                return;
            }
        }
        split.pauseHeads(consumer, pauser, ID);
        reportPending(consumer);
        long end = System.nanoTime();
        metrics.batch("poll-scheduled", Duration.ofNanos(commitStart - runStart), Duration.ofNanos(end - commitStart));
        if (log.isDebugEnabled()) {
            long mostOverdue = due.stream().map(job -> Duration.between(job.dueAt(), now).toMillis())
                    .max(Long::compare).orElse(0L);
            log.debug("Batch of {} records of {}: {} due (the most overdue {} ms late), steps {} ms, commit {} ms, "
                            + "paused {}", records.size(), byPartition.keySet(), due.size(), mostOverdue,
                    (commitStart - runStart) / 1_000_000, (end - commitStart) / 1_000_000, split.headDue());
        }
    }

    /** Records not yet consumed on this consumer's partitions of the topic: each is one pending job. */
    private void reportPending(Consumer<?, ?> consumer) {
        long pending = 0;
        for (TopicPartition tp : consumer.assignment()) {
            if (tp.topic().equals(topic)) {
                OptionalLong lag = consumer.currentLag(tp);
                pending += lag.orElse(0);
            }
        }
        metrics.pending(Thread.currentThread().getName(), pending);
    }
}
