package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.ConsumedRecords;
import dev.flinkspipeline.service.kafka.DeadLetter;
import dev.flinkspipeline.service.kafka.TransactionalBatch;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both listeners do with a batch once its steps ran: turn outcomes into records, commit them with
 * the dead letters and the consumed offsets in one transaction, and, when that fails, rewind the
 * partitions so the same records are read again after a short pause (nothing was committed).
 */
final class BatchSupport {

    private static final Logger log = LoggerFactory.getLogger(BatchSupport.class);

    private final OutcomeRecords outcomes;
    private final TransactionalBatch<Object, Object> transaction;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final PollerMetrics metrics;
    private final Clock clock;

    BatchSupport(OutcomeRecords outcomes, TransactionalBatch<Object, Object> transaction,
                 DeadLetterPublishingRecoverer deadLetters, PollerMetrics metrics, Clock clock) {
        this.outcomes = outcomes;
        this.transaction = transaction;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What builds the records of steps. */
    OutcomeRecords outcomes() {
        return outcomes;
    }

    /** A step and the record it came from. */
    record Done(ConsumerRecord<Object, Object> source, JobBatch.Step step) {
    }

    /**
     * Commits the outcomes of {@code done}, the dead letters and the offsets up to {@code nextOffsets}.
     *
     * @return whether the transaction committed
     */
    boolean commit(List<Done> done, List<DeadLetter> letters, Map<TopicPartition, Long> nextOffsets,
                   Consumer<?, ?> consumer) {
        return commit(done, List.of(), letters, nextOffsets, consumer);
    }

    /**
     * Commits as above, with {@code extra} records (state that must commit with the outcomes) after the
     * outcomes.
     */
    boolean commit(List<Done> done, List<ProducerRecord<Object, Object>> extra, List<DeadLetter> letters,
                   Map<TopicPartition, Long> nextOffsets, Consumer<?, ?> consumer) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        List<ProducerRecord<Object, Object>> records = new ArrayList<>(done.size());
        String[] failureReasons = new String[done.size()];
        for (int i = 0; i < done.size(); i++) {
            records.add(done.get(i).step().record());
            failureReasons[i] = done.get(i).step().failureReason();
        }
        records.addAll(extra);
        try {
            try {
                commitOnce(records, letters, offsets, consumer);
            } catch (TransactionalBatch.RecordsTooLarge e) {
                for (int i : e.indices()) {
                    if (i >= done.size()) {
                        throw e; // an extra record: never that large
                    }
                    JobOutcome outcome = done.get(i).step().outcome();
                    if (!(outcome instanceof JobOutcome.AccountsFetched fetched)) {
                        throw e; // only accounts can be that large; anything else is a real problem
                    }
                    log.warn("loginId={} requestId={}: AccountsReady is larger than Kafka accepts; failing the job",
                            fetched.job().loginId(), fetched.requestId());
                    records.set(i, outcomes.failure(fetched, OutcomeRecords.ACCOUNTS_TOO_LARGE,
                            "the AccountsReady record exceeds the producer's or topic's size limit",
                            ConsumedRecords.traceparent(done.get(i).source())));
                    failureReasons[i] = OutcomeRecords.ACCOUNTS_TOO_LARGE;
                }
                commitOnce(records, letters, offsets, consumer);
            }
        } catch (RuntimeException e) {
            log.warn("A batch of {} records could not be committed; it will be read again: {}", done.size()
                    + letters.size(), e.toString());
            return false;
        }
        Instant now = clock.instant();
        for (int i = 0; i < done.size(); i++) {
            JobBatch.Step step = done.get(i).step();
            if (failureReasons[i] != null) {
                metrics.accountsNotWritten(failureReasons[i]);
            } else {
                metrics.outcome(step.outcome(), step.timedOut(), now);
            }
            logOutcome(step.outcome(), records.get(i));
        }
        for (DeadLetter letter : letters) {
            metrics.deadLetter(Topics.dlt(letter.record().topic()));
            log.warn("Record {}-{}@{} sent to {}: {}", letter.record().topic(), letter.record().partition(),
                    letter.record().offset(), Topics.dlt(letter.record().topic()), letter.reason().getMessage());
        }
        return true;
    }

    /** The batch's records, its dead letters (through the recoverer, which joins the transaction) and offsets. */
    private void commitOnce(List<ProducerRecord<Object, Object>> records, List<DeadLetter> letters,
                            Map<TopicPartition, OffsetAndMetadata> offsets, Consumer<?, ?> consumer) {
        transaction.commit(records, ops -> letters.forEach(l -> deadLetters.accept(l.record(), l.reason())), offsets,
                consumer.groupMetadata());
    }

    private static void logOutcome(JobOutcome outcome, ProducerRecord<Object, Object> written) {
        if (outcome instanceof JobOutcome.Failed failed) {
            log.info("loginId={} requestId={} failed: {} flinksCode={} httpStatus={}", failed.job().loginId(),
                    failed.requestId(), failed.reason(), failed.flinksCode(), failed.httpStatus());
        } else if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            log.info("loginId={} requestId={}: {} written", fetched.job().loginId(), fetched.requestId(),
                    written.topic()); // PipelineFailed when the accounts could not be written
        } else if (log.isDebugEnabled()) {
            JobOutcome.Rescheduled r = (JobOutcome.Rescheduled) outcome;
            log.debug("loginId={} requestId={} rescheduled ({}) for {}", r.next().loginId(), r.next().requestId(),
                    r.why(), r.next().dueAt());
        }
    }
}
