package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The poller's settings ({@code poller.*}, environment {@code POLLER_*} by relaxed binding), each explained in
 * docs/poller.md; its consumers' are the job engine's ({@code pipeline.job.*}, {@code spring.kafka.*}).
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
        @DefaultValue Dedup dedup,
        @DefaultValue WebhookFallback webhookFallback) {

    /** A webhook-flow login whose AccountsReady did not arrive within {@code grace} is fetched once. */
    public record WebhookFallback(@DefaultValue("30m") Duration grace) {

        /** How long arrived accounts are remembered: longer than any wait. */
        public Duration window() {
            return grace.multipliedBy(2).plusHours(1);
        }
    }

    public record Dedup(@DefaultValue("7d") Duration window) {}

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
            @DefaultValue(Topics.POLLER_ACCOUNTS_SEEN) String accountsSeen) {}
}
