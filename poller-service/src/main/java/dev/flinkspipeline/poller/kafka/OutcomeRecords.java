package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.serde.SchemaRegistryException;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records that follow from a step: AccountsReady (one record, or the ordered parts of a snapshot larger than
 * {@code maxRecordBytes}), the next PollScheduled, or PipelineFailed; keyed by loginId, with CloudEvents headers and
 * the trace of the record that started the step. An AccountsReady is serialized on the thread that received the
 * answer, so a batch holds its bytes (about half Flinks' JSON) instead of the parsed answer (several times it).
 */
public final class OutcomeRecords {

    /** PipelineFailed.reason when a 200 could not be turned into an AccountsReady. */
    public static final String UNMAPPABLE_ACCOUNTS = "UNMAPPABLE_ACCOUNTS";
    /** PipelineFailed.reason when the AccountsReady was larger than Kafka accepts. */
    public static final String ACCOUNTS_TOO_LARGE = "ACCOUNTS_TOO_LARGE";

    private static final Logger log = LoggerFactory.getLogger(OutcomeRecords.class);

    private final PollerProperties.TopicNames topics;
    private final String source;
    private final Clock clock;
    private final Serializer<Object> accountsSerializer;
    private final AccountsReadySplitter splitter;

    /** @param maxRecordBytes the largest AccountsReady value written as one record; larger ones are cut into parts */
    public OutcomeRecords(
            PollerProperties.TopicNames topics,
            String source,
            Clock clock,
            Serializer<Object> accountsSerializer,
            int maxRecordBytes) {
        this.topics = topics;
        this.source = source;
        this.clock = clock;
        this.accountsSerializer = accountsSerializer;
        this.splitter = new AccountsReadySplitter(maxRecordBytes);
    }

    /**
     * A step's outcome (its accounts released) and its records, in order.
     *
     * @param failureReason PipelineFailed.reason when accounts were fetched but a PipelineFailed is written
     */
    public record Prepared(JobOutcome outcome, List<ProducerRecord<Object, Object>> records, String failureReason) {}

    /** @throws SerializationException when the schema registry cannot be reached: the step is retried */
    public Prepared prepare(JobOutcome outcome, String traceparent) {
        return switch (outcome) {
            case JobOutcome.AccountsFetched fetched -> accounts(fetched, traceparent);
            case JobOutcome.Rescheduled rescheduled ->
                new Prepared(outcome, List.of(scheduled(rescheduled.next(), traceparent)), null);
            case JobOutcome.Failed f -> {
                var record = failure(
                        f.job(),
                        f.requestId(),
                        f.reason().name(),
                        f.flinksCode(),
                        f.httpStatus(),
                        f.message(),
                        traceparent);
                yield new Prepared(outcome, List.of(record), null);
            }
        };
    }

    private Prepared accounts(JobOutcome.AccountsFetched fetched, String traceparent) {
        Instant now = clock.instant();
        JobOutcome.AccountsFetched released = fetched.released();
        PollJob job = fetched.job();
        String topic = topics.accountsReady();
        AccountsReady event;
        byte[] value;
        try {
            event = AccountsReadyMapping.map(
                    fetched.accounts(),
                    new AccountsDelivery(
                            AccountsSource.POLL,
                            job.loginId(),
                            fetched.requestId(),
                            fetched.requestIdLastUsedAt(),
                            fetched.receivedAt(),
                            job.tag(),
                            job.institution(),
                            job.userReference(),
                            job.loginReceivedAt(),
                            job.fallback()));
            value = accountsSerializer.serialize(topic, event);
        } catch (RuntimeException e) {
            return unmappable(released, e, traceparent);
        }
        if (value.length <= splitter.maxRecordBytes()) {
            var record = record(topic, job.loginId(), event, value, now, traceparent);
            return new Prepared(released, List.of(record), null);
        }
        List<ProducerRecord<Object, Object>> records = new ArrayList<>();
        try {
            for (AccountsReady part : splitter.split(event)) {
                // Every part has the loginId as key: one partition, so they stay in order.
                byte[] bytes = accountsSerializer.serialize(topic, part);
                records.add(record(topic, job.loginId(), part, bytes, now, traceparent));
            }
        } catch (SerializationException e) {
            return unmappable(released, e, traceparent);
        } catch (IllegalArgumentException e) {
            log.warn("loginId={} requestId={}: {}", job.loginId(), fetched.requestId(), e.getMessage());
            return failed(released, ACCOUNTS_TOO_LARGE, e.getMessage(), traceparent);
        }
        log.info(
                "loginId={} requestId={}: AccountsReady of {} bytes written as {} parts of at most {} bytes",
                job.loginId(),
                fetched.requestId(),
                value.length,
                records.size(),
                splitter.maxRecordBytes());
        return new Prepared(released, records, null);
    }

    /** A PipelineFailed instead of accounts that cannot be encoded; a registry that cannot be reached is thrown. */
    private Prepared unmappable(JobOutcome.AccountsFetched fetched, RuntimeException e, String traceparent) {
        if (e instanceof SerializationException && causedByRegistry(e)) {
            throw e;
        }
        log.warn(
                "loginId={} requestId={}: the accounts cannot be mapped: {}",
                fetched.job().loginId(),
                fetched.requestId(),
                e.toString());
        return failed(fetched, UNMAPPABLE_ACCOUNTS, e.getMessage(), traceparent);
    }

    /** A PipelineFailed instead of the accounts of {@code fetched} (they could not be written). */
    Prepared failed(JobOutcome.AccountsFetched fetched, String reason, String message, String traceparent) {
        var record = failure(fetched.job(), fetched.requestId(), reason, null, 200, message, traceparent);
        return new Prepared(fetched, List.of(record), reason);
    }

    private static boolean causedByRegistry(Throwable e) {
        return Stream.iterate(e, Objects::nonNull, Throwable::getCause)
                .anyMatch(SchemaRegistryException.class::isInstance);
    }

    /** A webhook-flow login's wait for its webhook, on the webhook-wait topic, due when the grace ends. */
    public ProducerRecord<Object, Object> waiting(PollJob job, String traceparent) {
        return scheduled(topics.webhookWait(), job, traceparent);
    }

    public ProducerRecord<Object, Object> scheduled(PollJob job, String traceparent) {
        return scheduled(topics.pollScheduled(), job, traceparent);
    }

    private ProducerRecord<Object, Object> scheduled(String topic, PollJob job, String traceparent) {
        PollScheduled event = JobEvents.pollScheduled(job);
        return record(topic, job.loginId(), event, event, clock.instant(), traceparent);
    }

    private ProducerRecord<Object, Object> failure(
            PollJob job, String requestId, String reason, String code, int status, String message, String traceparent) {
        Instant now = clock.instant();
        PipelineFailed event = JobEvents.pipelineFailed(job, requestId, reason, code, status, message, now);
        return record(topics.pipelineFailed(), job.loginId(), event, event, now, traceparent);
    }

    /** {@code value}: the event itself, or its serialized bytes. */
    private ProducerRecord<Object, Object> record(
            String topic, String key, SpecificRecord event, Object value, Instant now, String traceparent) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, key, value);
        CloudEventHeaders.forEvent(event, source, now)
                .withTraceparent(traceparent)
                .writeTo(record.headers());
        return record;
    }
}
