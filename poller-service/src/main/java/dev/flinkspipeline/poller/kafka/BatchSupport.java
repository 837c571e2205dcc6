package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.metrics.PollerMetrics;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
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
    private final BatchTransaction transaction;
    private final PollerMetrics metrics;
    private final Clock clock;

    BatchSupport(OutcomeRecords outcomes, BatchTransaction transaction, PollerMetrics metrics, Clock clock) {
        this.outcomes = outcomes;
        this.transaction = transaction;
        this.metrics = metrics;
        this.clock = clock;
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
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((tp, next) -> offsets.put(tp, new OffsetAndMetadata(next)));
        List<ProducerRecord<Object, Object>> records = new ArrayList<>(done.size());
        for (Done d : done) {
            records.add(outcomes.record(d.step().outcome(), traceparent(d.source())));
        }
        try {
            try {
                transaction.commit(records, letters, offsets, consumer.groupMetadata());
            } catch (BatchTransaction.RecordsTooLarge e) {
                for (int i : e.indices) {
                    JobOutcome outcome = done.get(i).step().outcome();
                    if (!(outcome instanceof JobOutcome.AccountsFetched fetched)) {
                        throw e; // only accounts can be that large; anything else is a real problem
                    }
                    log.warn("loginId={} requestId={}: AccountsReady is larger than Kafka accepts; failing the job",
                            fetched.job().loginId(), fetched.requestId());
                    records.set(i, outcomes.failure(fetched, OutcomeRecords.ACCOUNTS_TOO_LARGE,
                            "the AccountsReady record exceeds the producer's or topic's size limit",
                            traceparent(done.get(i).source())));
                }
                transaction.commit(records, letters, offsets, consumer.groupMetadata());
            }
        } catch (RuntimeException e) {
            log.warn("A batch of {} records could not be committed; it will be read again: {}", done.size()
                    + letters.size(), e.toString());
            return false;
        }
        Instant now = clock.instant();
        for (int i = 0; i < done.size(); i++) {
            JobBatch.Step step = done.get(i).step();
            metrics.outcome(step.outcome(), step.timedOut(), now);
            logOutcome(step.outcome(), records.get(i));
        }
        for (DeadLetter letter : letters) {
            metrics.deadLetter(Topics.dlt(letter.record().topic()));
            log.warn("Record {}-{}@{} sent to {}: {}", letter.record().topic(), letter.record().partition(),
                    letter.record().offset(), Topics.dlt(letter.record().topic()), letter.reason().getMessage());
        }
        return true;
    }

    /** Seeks every partition of {@code records} back to its first record (those still assigned). */
    static Map<TopicPartition, Long> rewind(List<ConsumerRecord<Object, Object>> records, Consumer<?, ?> consumer) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<Object, Object> r : records) {
            first.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        Set<TopicPartition> assigned = consumer.assignment();
        first.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        return first;
    }

    private static String traceparent(ConsumerRecord<Object, Object> source) {
        Header header = source.headers().lastHeader(CloudEventHeaders.TRACEPARENT);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void logOutcome(JobOutcome outcome, ProducerRecord<Object, Object> written) {
        if (outcome instanceof JobOutcome.Failed failed) {
            log.info("loginId={} requestId={} failed: {} flinksCode={} httpStatus={}", failed.job().loginId(),
                    failed.requestId(), failed.reason(), failed.flinksCode(), failed.httpStatus());
        } else if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            log.info("loginId={} requestId={}: {} written", fetched.job().loginId(), fetched.requestId(),
                    written.topic());
        } else if (log.isDebugEnabled()) {
            JobOutcome.Rescheduled r = (JobOutcome.Rescheduled) outcome;
            log.debug("loginId={} requestId={} rescheduled ({}) for {}", r.next().loginId(), r.next().requestId(),
                    r.why(), r.next().dueAt());
        }
    }
}
