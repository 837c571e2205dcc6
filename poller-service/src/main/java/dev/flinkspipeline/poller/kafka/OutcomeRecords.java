package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.PipelineFailed;
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
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records that follow from a step: AccountsReady (one record, or the ordered parts of a snapshot larger
 * than {@code maxRecordBytes}, see {@link AccountsReadySplitter}), the next PollScheduled, or PipelineFailed;
 * keyed by loginId, with CloudEvents headers and the trace of the record that started the step.
 *
 * <p>An AccountsReady is mapped and serialized as soon as its step ends, on the thread that received the
 * answer: the consumer thread then only appends bytes, and a batch holds each login's record (about half
 * the size of Flinks' JSON) instead of the parsed answer (several times its size).
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

    /**
     * @param accountsSerializer the Avro serializer AccountsReady values are written with (the producer
     *                           passes the bytes through unchanged)
     * @param maxRecordBytes     the largest AccountsReady value written as one record; larger ones are cut into parts
     */
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
     * The records of a step's outcome.
     *
     * @param outcome       the outcome, its accounts released once they are in {@code records}
     * @param records       what is written, in order: one record, or the parts of one AccountsReady
     * @param failureReason PipelineFailed.reason when accounts were fetched but a PipelineFailed is written
     */
    public record Prepared(JobOutcome outcome, List<ProducerRecord<Object, Object>> records, String failureReason) {

        public Prepared {
            records = List.copyOf(records);
        }

        Prepared(JobOutcome outcome, ProducerRecord<Object, Object> record, String failureReason) {
            this(outcome, List.of(record), failureReason);
        }
    }

    /**
     * The record of {@code outcome}.
     *
     * @throws SerializationException when the schema registry cannot be reached: the step did not end
     *                                and is to be retried
     */
    public Prepared prepare(JobOutcome outcome, String traceparent) {
        return switch (outcome) {
            case JobOutcome.AccountsFetched fetched -> accounts(fetched, traceparent);
            case JobOutcome.Rescheduled rescheduled ->
                new Prepared(outcome, scheduled(rescheduled.next(), traceparent), null);
            case JobOutcome.Failed f -> {
                Instant now = clock.instant();
                PipelineFailed event = JobEvents.pipelineFailed(
                        f.job(), f.requestId(), f.reason().name(), f.flinksCode(), f.httpStatus(), f.message(), now);
                yield new Prepared(
                        outcome, record(topics.pipelineFailed(), f.job().loginId(), event, now, traceparent), null);
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
            var record = withHeaders(new ProducerRecord<>(topic, job.loginId(), value), event, now, traceparent);
            return new Prepared(released, record, null);
        }
        List<ProducerRecord<Object, Object>> records = new ArrayList<>();
        try {
            for (AccountsReady part : splitter.split(event)) {
                // Every part has the loginId as key: one partition, so they stay in order.
                byte[] bytes = accountsSerializer.serialize(topic, part);
                records.add(withHeaders(new ProducerRecord<>(topic, job.loginId(), bytes), part, now, traceparent));
            }
        } catch (SerializationException e) {
            return unmappable(released, e, traceparent);
        } catch (IllegalArgumentException e) {
            log.warn("loginId={} requestId={}: {}", job.loginId(), fetched.requestId(), e.getMessage());
            return new Prepared(
                    released, failure(released, ACCOUNTS_TOO_LARGE, e.getMessage(), traceparent), ACCOUNTS_TOO_LARGE);
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
        return new Prepared(
                fetched, failure(fetched, UNMAPPABLE_ACCOUNTS, e.getMessage(), traceparent), UNMAPPABLE_ACCOUNTS);
    }

    private static boolean causedByRegistry(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException) {
                return true;
            }
        }
        return false;
    }

    /** A webhook-flow login's wait for its webhook, on the webhook-wait topic, due when the grace ends. */
    public ProducerRecord<Object, Object> waiting(PollJob job, String traceparent) {
        return record(topics.webhookWait(), job.loginId(), JobEvents.pollScheduled(job), clock.instant(), traceparent);
    }

    /** A job's next step on the poll-scheduled topic (a fallback fetch once the wait ended). */
    public ProducerRecord<Object, Object> scheduled(PollJob job, String traceparent) {
        return record(
                topics.pollScheduled(), job.loginId(), JobEvents.pollScheduled(job), clock.instant(), traceparent);
    }

    /** A PipelineFailed instead of the accounts of {@code fetched} (they could not be written). */
    public ProducerRecord<Object, Object> failure(
            JobOutcome.AccountsFetched fetched, String reason, String message, String traceparent) {
        Instant now = clock.instant();
        PipelineFailed event =
                JobEvents.pipelineFailed(fetched.job(), fetched.requestId(), reason, null, 200, message, now);
        return record(topics.pipelineFailed(), fetched.job().loginId(), event, now, traceparent);
    }

    private ProducerRecord<Object, Object> record(
            String topic, String key, SpecificRecord event, Instant now, String traceparent) {
        return withHeaders(new ProducerRecord<>(topic, key, event), event, now, traceparent);
    }

    private ProducerRecord<Object, Object> withHeaders(
            ProducerRecord<Object, Object> record, SpecificRecord event, Instant now, String traceparent) {
        CloudEventHeaders.forEvent(event, source, now)
                .withTraceparent(traceparent)
                .writeTo(record.headers());
        return record;
    }
}
