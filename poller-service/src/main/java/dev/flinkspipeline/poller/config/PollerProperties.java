package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The poller's settings ({@code poller.*}, environment {@code POLLER_*} by relaxed binding); docs/poller.md
 * lists each one. Checked when bound: the service does not start with settings that contradict each other.
 *
 * @param pollInterval        wait after a 202 before the next GetAccountsDetailAsync
 * @param maxPollDuration     from a job's start to its deadline; a job still pending then fails with POLL_TIMEOUT
 * @param maxReauthorizations sessions re-opened after SESSION_NONEXISTENT/SESSION_EXPIRED before failing
 * @param eventSource         {@code ce_source} of the events this service writes
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

    /**
     * Webhook-flow logins are not polled: if no AccountsReady of such a login arrived within {@code grace}
     * after its LoginReceived, the poller fetches the cached snapshot once.
     */
    public record WebhookFallback(@DefaultValue("30m") Duration grace) {

        /** How long the logins whose accounts arrived are remembered: long enough to cover any wait. */
        public Duration window() {
            return grace.multipliedBy(2).plusHours(1);
        }
    }

    /**
     * Deduplication of LoginReceived by eventId.
     *
     * @param window      how long an eventId is remembered (also the ledger topic's retention)
     * @param loadTimeout bound on loading one partition's ledger when it is assigned
     */
    public record Dedup(
            @DefaultValue("7d") Duration window,
            @DefaultValue("2m") Duration loadTimeout) {}

    /**
     * @param initialBackoff ceiling of the first retry's delay (full jitter below it)
     * @param maxBackoff     ceiling of every retry delay; keep it at or below the poll interval
     * @param maxRetries     consecutive transient failures of one step before failing (the deadline bounds them too)
     */
    public record Retry(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("50") int maxRetries) {}

    /**
     * GetAccountsDetail options, and how the AccountsReady is written.
     *
     * @param maxRecordBytes the largest AccountsReady value written as one record: a larger snapshot is written as
     *                       ordered parts of at most this size (docs/consumers.md). Keep it below the
     *                       accounts-ready topic's {@code max.message.bytes} (and the producer's
     *                       {@code max.request.size}) with room for headers and batch framing.
     */
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

    /**
     * @param loginsSeen        compacted ledger of the LoginReceived eventIds taken on (partitions of login-received)
     * @param webhookWait       webhook-flow logins waiting for their webhook (same partitions as accounts-ready)
     * @param accountsSeen      compacted: the logins whose AccountsReady arrived, per accounts-ready partition
     * @param create            create missing topics (and their .DLT) at start with the topic plan's settings; off by
     *                          default: the cluster's topics are declared from the plan (tests and bare brokers turn
     *                          it on)
     * @param partitions        of topics created here: the poller's parallelism is bounded by them
     * @param replicationFactor of topics created here; -1: the broker's default
     */
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

    /**
     * How the three listeners consume.
     *
     * @param maxPollRecords   records per batch; all due jobs of a batch call Flinks concurrently (within the budget)
     * @param batchTimeout     bound on a batch's Flinks work; unfinished steps are retried later
     * @param pollTimeout      bounds how long a partition whose resume raced the container's pause bookkeeping waits
     *                         to be read again (measured: up to the whole timeout): keep it well under 1 s
     * @param failedBatchPause wait before a batch whose transaction failed is read again
     * @param fetchMaxWait     how long the broker may hold a fetch with no data: bounds how late a resumed partition is read
     */
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
