package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.JobRunner;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.service.job.BatchCommit;
import dev.flinkspipeline.service.job.JobMetrics;
import dev.flinkspipeline.service.job.StepBatch;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import dev.flinkspipeline.service.tracing.RecordTraces;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the listeners do with a batch once its steps ran: turn outcomes into records, commit them with the
 * dead letters and the consumed offsets in one transaction (read again later when that fails), then count
 * and log what was committed.
 */
final class BatchSupport {

    private static final Logger log = LoggerFactory.getLogger(BatchSupport.class);

    private final OutcomeRecords outcomes;
    private final BatchCommit commit;
    private final JobMetrics metrics;
    private final Clock clock;
    private final RecordTraces traces;
    private final Duration timeout;

    /** @param timeout bound on a batch's steps ({@link StepBatch}) */
    BatchSupport(
            OutcomeRecords outcomes,
            BatchCommit commit,
            JobMetrics metrics,
            Clock clock,
            RecordTraces traces,
            Duration timeout) {
        this.outcomes = outcomes;
        this.commit = commit;
        this.metrics = metrics;
        this.clock = clock;
        this.traces = traces;
        this.timeout = timeout;
    }

    /** What builds the records of steps. */
    OutcomeRecords outcomes() {
        return outcomes;
    }

    /** Runs the steps of {@code jobs}, each started by the record of the same index in {@code sources}. */
    List<JobBatch.Step> run(
            JobRunner runner, String listenerId, List<PollJob> jobs, List<ConsumerRecord<Object, Object>> sources) {
        List<String> traceparents =
                sources.stream().map(ConsumedRecords::traceparent).toList();
        return StepBatch.run(new JobBatch(runner, outcomes), jobs, traceparents, listenerId, traces, metrics, timeout);
    }

    /** A step and the record it came from. */
    record Done(ConsumerRecord<Object, Object> source, JobBatch.Step step) {}

    /**
     * Commits the outcomes of {@code done}, then {@code extra} records (state that must commit with them), the
     * dead letters and the offsets up to {@code nextOffsets}, for the batch {@code batch} of listener
     * {@code listenerId}; when that fails, the batch is read again later ({@link BatchCommit}).
     *
     * @return whether the transaction committed
     */
    boolean commit(
            String listenerId,
            List<ConsumerRecord<Object, Object>> batch,
            Consumer<?, ?> consumer,
            List<Done> done,
            List<ProducerRecord<Object, Object>> extra,
            List<DeadLetter> letters,
            Map<TopicPartition, Long> nextOffsets) {
        // Each step's records (the parts of a large AccountsReady are several), written in step order.
        List<List<ProducerRecord<Object, Object>>> written = new ArrayList<>(done.size());
        String[] failureReasons = new String[done.size()];
        for (int i = 0; i < done.size(); i++) {
            written.add(done.get(i).step().records());
            failureReasons[i] = done.get(i).step().failureReason();
        }
        TransactionalBatch<Object, Object> transaction = commit.transaction();
        boolean committed = commit.run(listenerId, batch, consumer, letters, () -> {
            try {
                transaction.commit(flatten(written, extra), letters, nextOffsets, consumer.groupMetadata());
            } catch (TransactionalBatch.RecordsTooLarge e) {
                for (int index : e.indices()) {
                    int i = stepOf(written, index);
                    if (i < 0) {
                        throw e; // an extra record: never that large
                    }
                    JobOutcome outcome = done.get(i).step().outcome();
                    if (!(outcome instanceof JobOutcome.AccountsFetched fetched)) {
                        throw e; // only accounts can be that large; anything else is a real problem
                    }
                    // Parts are cut to the configured maximum record size: the broker's limit is below it.
                    log.warn(
                            "loginId={} requestId={}: AccountsReady is larger than Kafka accepts although cut to the "
                                    + "maximum record size (is poller.accounts.max-record-bytes above the topic's "
                                    + "max.message.bytes?); failing the job",
                            fetched.job().loginId(),
                            fetched.requestId());
                    written.set(
                            i,
                            List.of(outcomes.failure(
                                    fetched,
                                    OutcomeRecords.ACCOUNTS_TOO_LARGE,
                                    "the AccountsReady record exceeds the producer's or topic's size limit",
                                    ConsumedRecords.traceparent(done.get(i).source()))));
                    failureReasons[i] = OutcomeRecords.ACCOUNTS_TOO_LARGE;
                }
                transaction.commit(flatten(written, extra), letters, nextOffsets, consumer.groupMetadata());
            }
        });
        if (!committed) {
            return false;
        }
        Instant now = clock.instant();
        for (int i = 0; i < done.size(); i++) {
            JobBatch.Step step = done.get(i).step();
            if (failureReasons[i] != null) {
                metrics.step("failed"); // the accounts could not be written: PipelineFailed instead
                metrics.failed(failureReasons[i], null);
            } else {
                count(step.outcome(), step.timedOut(), now);
            }
            logOutcome(step.outcome(), written.get(i));
        }
        return true;
    }

    private void count(JobOutcome outcome, boolean timedOut, Instant now) {
        if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            metrics.step("accounts_ready");
            if (fetched.job().loginReceivedAt() != null) {
                metrics.duration(
                        "accounts_ready", Duration.between(fetched.job().loginReceivedAt(), now));
            }
        } else if (outcome instanceof JobOutcome.Rescheduled r && r.why() != JobOutcome.Rescheduled.Why.RETRY) {
            metrics.step(r.why() == JobOutcome.Rescheduled.Why.PENDING ? "pending" : "credentials");
        } else if (outcome instanceof JobOutcome.Rescheduled r) {
            metrics.step(timedOut ? "timed_out" : "retry");
            metrics.retry(
                    r.flinksCode() != null
                            ? r.flinksCode()
                            : r.httpStatus() == 0 ? "no_answer" : "http_" + r.httpStatus());
        } else {
            JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
            metrics.step("failed");
            metrics.failed(failed.reason().name(), failed.flinksCode());
        }
    }

    private static List<ProducerRecord<Object, Object>> flatten(
            List<List<ProducerRecord<Object, Object>>> written, List<ProducerRecord<Object, Object>> extra) {
        List<ProducerRecord<Object, Object>> records = new ArrayList<>(written.size() + extra.size());
        written.forEach(records::addAll);
        records.addAll(extra);
        return records;
    }

    /** The step whose records hold the flattened {@code index}, or -1 for an extra record. */
    private static int stepOf(List<List<ProducerRecord<Object, Object>>> written, int index) {
        int end = 0;
        for (int i = 0; i < written.size(); i++) {
            end += written.get(i).size();
            if (index < end) {
                return i;
            }
        }
        return -1;
    }

    private static void logOutcome(JobOutcome outcome, List<ProducerRecord<Object, Object>> written) {
        if (outcome instanceof JobOutcome.Failed failed) {
            log.info(
                    "loginId={} requestId={} failed: {} flinksCode={} httpStatus={}",
                    failed.job().loginId(),
                    failed.requestId(),
                    failed.reason(),
                    failed.flinksCode(),
                    failed.httpStatus());
        } else if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            log.info(
                    "loginId={} requestId={}: {} written ({} record(s))",
                    fetched.job().loginId(),
                    fetched.requestId(),
                    written.get(0).topic(), // PipelineFailed when the accounts could not be written
                    written.size());
        } else if (log.isDebugEnabled()) {
            JobOutcome.Rescheduled r = (JobOutcome.Rescheduled) outcome;
            log.debug(
                    "loginId={} requestId={} rescheduled ({}) for {}",
                    r.next().loginId(),
                    r.next().requestId(),
                    r.why(),
                    r.next().dueAt());
        }
    }
}
