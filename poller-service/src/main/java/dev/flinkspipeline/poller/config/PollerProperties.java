package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.schemas.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The poller's settings ({@code poller.*}); see docs/poller.md for each one and its environment variable. */
@ConfigurationProperties("poller")
public class PollerProperties {

    /** Wait after a 202 before the next GetAccountsDetailAsync. */
    private Duration pollInterval = Duration.ofSeconds(10);
    /** From a job's start to its deadline; a job still pending then fails with POLL_TIMEOUT. */
    private Duration maxPollDuration = Duration.ofMinutes(30);
    /** Sessions re-opened after SESSION_NONEXISTENT/SESSION_EXPIRED before failing. */
    private int maxReauthorizations = 3;
    /** {@code ce_source} of the events this service writes. */
    private String eventSource = "/flinks-pipeline/poller";
    private final Retry retry = new Retry();
    private final Accounts accounts = new Accounts();
    private final TopicNames topics = new TopicNames();
    private final Consumer consumer = new Consumer();
    private final Dedup dedup = new Dedup();
    private final WebhookFallback webhookFallback = new WebhookFallback();

    /**
     * Webhook-flow logins are not polled: Flinks pushes their accounts. If no AccountsReady of such a login
     * arrived within {@code grace} after its LoginReceived, the poller fetches the cached snapshot once.
     */
    public static class WebhookFallback {
        /** How long a webhook-flow login waits for its GetAccountsDetail webhook. */
        private Duration grace = Duration.ofMinutes(30);

        public Duration getGrace() {
            return grace;
        }

        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        /** How long the logins whose accounts arrived are remembered: long enough to cover any wait. */
        public Duration window() {
            return grace.multipliedBy(2).plusHours(1);
        }
    }

    public WebhookFallback getWebhookFallback() {
        return webhookFallback;
    }

    public Dedup getDedup() {
        return dedup;
    }

    /** Deduplication of LoginReceived by eventId. */
    public static class Dedup {
        /** How long a LoginReceived eventId is remembered (also the ledger topic's retention). */
        private Duration window = Duration.ofDays(7);
        /** Bound on loading one partition's ledger when it is assigned. */
        private Duration loadTimeout = Duration.ofMinutes(2);

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getLoadTimeout() {
            return loadTimeout;
        }

        public void setLoadTimeout(Duration loadTimeout) {
            this.loadTimeout = loadTimeout;
        }
    }

    public static class Retry {
        /** Ceiling of the first retry's delay (full jitter below it). */
        private Duration initialBackoff = Duration.ofSeconds(1);
        /** Ceiling of every retry delay; keep it at or below the poll interval. */
        private Duration maxBackoff = Duration.ofSeconds(10);
        private double multiplier = 2.0;
        /** Consecutive transient failures of one step before failing (the deadline also bounds them). */
        private int maxRetries = 50;

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }
    }

    /** GetAccountsDetail options. */
    public static class Accounts {
        private boolean withKyc = true;
        private boolean withAccountIdentity = true;
        private boolean withTransactions = true;
        private DaysOfTransactions daysOfTransactions = DaysOfTransactions.Days90;

        public boolean isWithKyc() {
            return withKyc;
        }

        public void setWithKyc(boolean withKyc) {
            this.withKyc = withKyc;
        }

        public boolean isWithAccountIdentity() {
            return withAccountIdentity;
        }

        public void setWithAccountIdentity(boolean withAccountIdentity) {
            this.withAccountIdentity = withAccountIdentity;
        }

        public boolean isWithTransactions() {
            return withTransactions;
        }

        public void setWithTransactions(boolean withTransactions) {
            this.withTransactions = withTransactions;
        }

        public DaysOfTransactions getDaysOfTransactions() {
            return daysOfTransactions;
        }

        public void setDaysOfTransactions(DaysOfTransactions daysOfTransactions) {
            this.daysOfTransactions = daysOfTransactions;
        }
    }

    public static class TopicNames {
        private String loginReceived = Topics.LOGIN_RECEIVED;
        private String pollScheduled = Topics.POLL_SCHEDULED;
        private String accountsReady = Topics.ACCOUNTS_READY;
        private String pipelineFailed = Topics.PIPELINE_FAILED;
        /** Compacted ledger of the LoginReceived eventIds taken on (as many partitions as login-received). */
        private String loginsSeen = "flinks-poller.logins-seen";
        /** Webhook-flow logins waiting for their webhook (delay topic, same partitions as accounts-ready). */
        private String webhookWait = "flinks-poller.webhook-wait";
        /** Compacted: the logins whose AccountsReady arrived, per accounts-ready partition. */
        private String accountsSeen = "flinks-poller.accounts-seen";
        /** Create missing topics (and their .DLT) at start-up; off where topics are managed elsewhere. */
        private boolean create = true;
        /** Partitions of topics created here: the poller's parallelism is bounded by them. */
        private int partitions = 6;
        /** Replication factor of topics created here; -1: the broker's default. */
        private short replicationFactor = -1;

        public String getLoginReceived() {
            return loginReceived;
        }

        public void setLoginReceived(String loginReceived) {
            this.loginReceived = loginReceived;
        }

        public String getPollScheduled() {
            return pollScheduled;
        }

        public void setPollScheduled(String pollScheduled) {
            this.pollScheduled = pollScheduled;
        }

        public String getAccountsReady() {
            return accountsReady;
        }

        public void setAccountsReady(String accountsReady) {
            this.accountsReady = accountsReady;
        }

        public String getPipelineFailed() {
            return pipelineFailed;
        }

        public void setPipelineFailed(String pipelineFailed) {
            this.pipelineFailed = pipelineFailed;
        }

        public String getWebhookWait() {
            return webhookWait;
        }

        public void setWebhookWait(String webhookWait) {
            this.webhookWait = webhookWait;
        }

        public String getAccountsSeen() {
            return accountsSeen;
        }

        public void setAccountsSeen(String accountsSeen) {
            this.accountsSeen = accountsSeen;
        }

        public String getLoginsSeen() {
            return loginsSeen;
        }

        public void setLoginsSeen(String loginsSeen) {
            this.loginsSeen = loginsSeen;
        }

        public boolean isCreate() {
            return create;
        }

        public void setCreate(boolean create) {
            this.create = create;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }
    }

    /** How the two listeners consume. */
    public static class Consumer {
        private String groupId = "flinks-poller";
        /** Consumer threads for LoginReceived. */
        private int loginConcurrency = 1;
        /** Consumer threads for PollScheduled. */
        private int pollConcurrency = 2;
        /** Records per batch; all due jobs of a batch call Flinks concurrently (within the budget). */
        private int maxPollRecords = 500;
        /** Bound on a batch's Flinks work; unfinished steps are retried later. Keep it well under max-poll-interval. */
        private Duration batchTimeout = Duration.ofMinutes(2);
        private Duration maxPollInterval = Duration.ofMinutes(5);
        /**
         * Bounds how long a partition whose resume raced the container's pause bookkeeping waits to be read
         * again (measured: up to the whole timeout): keep it well under the 1 s lateness budget.
         */
        private Duration pollTimeout = Duration.ofMillis(100);
        /** Wait before a batch whose transaction failed is read again. */
        private Duration failedBatchPause = Duration.ofSeconds(1);
        /** How long the broker may hold a fetch with no data: bounds how late a resumed partition is read. */
        private Duration fetchMaxWait = Duration.ofMillis(100);

        public Duration getFetchMaxWait() {
            return fetchMaxWait;
        }

        public void setFetchMaxWait(Duration fetchMaxWait) {
            this.fetchMaxWait = fetchMaxWait;
        }

        public String getGroupId() {
            return groupId;
        }

        public void setGroupId(String groupId) {
            this.groupId = groupId;
        }

        public int getLoginConcurrency() {
            return loginConcurrency;
        }

        public void setLoginConcurrency(int loginConcurrency) {
            this.loginConcurrency = loginConcurrency;
        }

        public int getPollConcurrency() {
            return pollConcurrency;
        }

        public void setPollConcurrency(int pollConcurrency) {
            this.pollConcurrency = pollConcurrency;
        }

        public int getMaxPollRecords() {
            return maxPollRecords;
        }

        public void setMaxPollRecords(int maxPollRecords) {
            this.maxPollRecords = maxPollRecords;
        }

        public Duration getBatchTimeout() {
            return batchTimeout;
        }

        public void setBatchTimeout(Duration batchTimeout) {
            this.batchTimeout = batchTimeout;
        }

        public Duration getMaxPollInterval() {
            return maxPollInterval;
        }

        public void setMaxPollInterval(Duration maxPollInterval) {
            this.maxPollInterval = maxPollInterval;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public Duration getFailedBatchPause() {
            return failedBatchPause;
        }

        public void setFailedBatchPause(Duration failedBatchPause) {
            this.failedBatchPause = failedBatchPause;
        }
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getMaxPollDuration() {
        return maxPollDuration;
    }

    public void setMaxPollDuration(Duration maxPollDuration) {
        this.maxPollDuration = maxPollDuration;
    }

    public int getMaxReauthorizations() {
        return maxReauthorizations;
    }

    public void setMaxReauthorizations(int maxReauthorizations) {
        this.maxReauthorizations = maxReauthorizations;
    }

    public String getEventSource() {
        return eventSource;
    }

    public void setEventSource(String eventSource) {
        this.eventSource = eventSource;
    }

    public Retry getRetry() {
        return retry;
    }

    public Accounts getAccounts() {
        return accounts;
    }

    public TopicNames getTopics() {
        return topics;
    }

    public Consumer getConsumer() {
        return consumer;
    }
}
