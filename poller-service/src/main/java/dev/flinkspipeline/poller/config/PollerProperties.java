package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The poller's settings ({@code poller.*}, environment {@code POLLER_*} by relaxed binding), each explained in
 * docs/poller.md. Checked when bound: the service does not start with settings that contradict each other.
 */
@ConfigurationProperties("poller")
public record PollerProperties(
        @DefaultValue("10s") Duration pollInterval,
        @DefaultValue("30m") Duration maxPollDuration,
        @DefaultValue("3") int maxReauthorizations,
        @DefaultValue("/flinks-pipeline/poller") String eventSource,
        @DefaultValue Retry retry,
        @DefaultValue Accounts accounts,
        @DefaultValue TopicNames topics,
        @DefaultValue Consumer consumer,
        @DefaultValue Dedup dedup,
        @DefaultValue WebhookFallback webhookFallback) {

    public PollerProperties {
        if (consumer.batchTimeout().multipliedBy(2).compareTo(consumer.maxPollInterval()) > 0) {
            throw new IllegalArgumentException("poller.consumer.batch-timeout (" + consumer.batchTimeout()
                    + ") must be at most half of poller.consumer.max-poll-interval (" + consumer.maxPollInterval()
                    + ")");
        }
    }

    /** A webhook-flow login whose AccountsReady did not arrive within {@code grace} is fetched once. */
    public record WebhookFallback(@DefaultValue("30m") Duration grace) {

        /** How long arrived accounts are remembered: longer than any wait. */
        public Duration window() {
            return grace.multipliedBy(2).plusHours(1);
        }
    }

    public record Dedup(
            @DefaultValue("7d") Duration window,
            @DefaultValue("2m") Duration loadTimeout) {}

    public record Retry(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("50") int maxRetries) {}

    /** GetAccountsDetail options; an AccountsReady larger than {@code maxRecordBytes} is written as ordered parts. */
    public record Accounts(
            @DefaultValue("true") boolean withKyc,
            @DefaultValue("true") boolean withAccountIdentity,
            @DefaultValue("true") boolean withTransactions,
            @DefaultValue("Days90") DaysOfTransactions daysOfTransactions,

            @DefaultValue("" + AccountsReadySplitter.DEFAULT_MAX_RECORD_BYTES)
            int maxRecordBytes) {

        public Accounts {
            if (maxRecordBytes < AccountsReadySplitter.MIN_MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("poller.accounts.max-record-bytes must be at least "
                        + AccountsReadySplitter.MIN_MAX_RECORD_BYTES + ": " + maxRecordBytes);
            }
        }
    }

    public record TopicNames(
            @DefaultValue(Topics.LOGIN_RECEIVED) String loginReceived,
            @DefaultValue(Topics.POLL_SCHEDULED) String pollScheduled,
            @DefaultValue(Topics.ACCOUNTS_READY) String accountsReady,
            @DefaultValue(Topics.PIPELINE_FAILED) String pipelineFailed,
            @DefaultValue(Topics.POLLER_LOGINS_SEEN) String loginsSeen,
            @DefaultValue(Topics.POLLER_WEBHOOK_WAIT) String webhookWait,
            @DefaultValue(Topics.POLLER_ACCOUNTS_SEEN) String accountsSeen,
            @DefaultValue("false") boolean create,
            @DefaultValue("6") int partitions,
            @DefaultValue("-1") short replicationFactor) {}

    /** {@code pollTimeout} bounds how long a resume that raced the container's pause waits: keep it well under 1 s. */
    public record Consumer(
            @DefaultValue("flinks-poller") String groupId,
            @DefaultValue("1") int loginConcurrency,
            @DefaultValue("2") int pollConcurrency,
            @DefaultValue("1") int webhookWaitConcurrency,
            @DefaultValue("500") int maxPollRecords,
            @DefaultValue("2m") Duration batchTimeout,
            @DefaultValue("5m") Duration maxPollInterval,
            @DefaultValue("100ms") Duration pollTimeout,
            @DefaultValue("1s") Duration failedBatchPause,
            @DefaultValue("100ms") Duration fetchMaxWait) {}
}
