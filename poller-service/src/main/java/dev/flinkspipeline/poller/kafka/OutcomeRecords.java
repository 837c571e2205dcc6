package dev.flinkspipeline.poller.kafka;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.events.AccountsReadyMapper;
import dev.flinkspipeline.poller.events.JobEvents;
import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one record that follows from a step: AccountsReady, the next PollScheduled, or PipelineFailed;
 * keyed by loginId, with CloudEvents headers and the trace of the record that started the step.
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

    public OutcomeRecords(PollerProperties.TopicNames topics, String source, Clock clock) {
        this.topics = topics;
        this.source = source;
        this.clock = clock;
    }

    public ProducerRecord<Object, Object> record(JobOutcome outcome, String traceparent) {
        Instant now = clock.instant();
        if (outcome instanceof JobOutcome.AccountsFetched fetched) {
            AccountsReady event;
            try {
                event = AccountsReadyMapper.map(fetched.job().loginId(), fetched.requestId(), fetched.accounts(),
                        fetched.requestIdLastUsedAt(), fetched.receivedAt(), fetched.job().loginReceivedAt(),
                        fetched.job().tag(), fetched.job().institution());
            } catch (RuntimeException e) {
                log.warn("loginId={} requestId={}: the accounts cannot be mapped: {}", fetched.job().loginId(),
                        fetched.requestId(), e.toString());
                return failure(fetched, UNMAPPABLE_ACCOUNTS, e.getMessage(), traceparent);
            }
            return record(topics.getAccountsReady(), fetched.job().loginId(), event, now, traceparent);
        }
        if (outcome instanceof JobOutcome.Rescheduled rescheduled) {
            return record(topics.getPollScheduled(), rescheduled.next().loginId(),
                    JobEvents.pollScheduled(rescheduled.next()), now, traceparent);
        }
        JobOutcome.Failed failed = (JobOutcome.Failed) outcome;
        return record(topics.getPipelineFailed(), failed.job().loginId(), JobEvents.pipelineFailed(failed, now), now,
                traceparent);
    }

    /** A PipelineFailed instead of the accounts of {@code fetched} (they could not be written). */
    public ProducerRecord<Object, Object> failure(JobOutcome.AccountsFetched fetched, String reason, String message,
                                                  String traceparent) {
        Instant now = clock.instant();
        PipelineFailed event = JobEvents.pipelineFailed(fetched.job(), fetched.requestId(), reason, null, 200,
                message, now);
        return record(topics.getPipelineFailed(), fetched.job().loginId(), event, now, traceparent);
    }

    private ProducerRecord<Object, Object> record(String topic, String key, SpecificRecord event, Instant now,
                                                  String traceparent) {
        ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, key, event);
        CloudEventHeaders.forEvent(event, source, now).withTraceparent(traceparent).writeTo(record.headers());
        return record;
    }
}
