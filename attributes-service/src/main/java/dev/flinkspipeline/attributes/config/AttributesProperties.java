package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.schemas.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the attributes service, under {@code attributes.*} (environment: {@code ATTRIBUTES_*},
 * e.g. {@code ATTRIBUTES_ATTRIBUTE_SET=Lending}). See docs/attributes.md for the full table.
 */
@ConfigurationProperties("attributes")
public class AttributesProperties {

    /**
     * Which Attributes to fetch: a use-case endpoint (UserAnalysis, Lending, CreditRisk, Income,
     * BusinessAnalysis, All, AllBusiness) or Custom (the POST endpoint with {@link #custom}).
     */
    private String attributeSet = "UserAnalysis";
    /** Bound on one attempt (all Flinks calls it makes); an attempt that takes longer is retried later. */
    private Duration attemptTimeout = Duration.ofSeconds(20);
    private final Custom custom = new Custom();
    private final Session session = new Session();
    private final Retry retry = new Retry();
    private final TopicNames topics = new TopicNames();
    private final Kafka kafka = new Kafka();

    public String getAttributeSet() { return attributeSet; }
    public void setAttributeSet(String attributeSet) { this.attributeSet = attributeSet; }
    public Duration getAttemptTimeout() { return attemptTimeout; }
    public void setAttemptTimeout(Duration attemptTimeout) { this.attemptTimeout = attemptTimeout; }
    public Custom getCustom() { return custom; }
    public Session getSession() { return session; }
    public Retry getRetry() { return retry; }
    public TopicNames getTopics() { return topics; }
    public Kafka getKafka() { return kafka; }

    /** The custom attribute set (attribute-set=Custom). */
    public static class Custom {
        /** Attribute names ({@code Attributes.Card}), from Flinks' attributes library. */
        private List<String> attributes = new ArrayList<>();
        /** {@code Filters.AccountCategory}, e.g. Operations (empty: no filter). */
        private List<String> accountCategories = new ArrayList<>();
        /** Send {@code AccountFilter.AccountId} with the accounts of the AccountsReady. */
        private boolean filterAccounts;
        /** With filter-accounts: only accounts whose Type or Category is one of these (empty: all). */
        private List<String> accountTypes = new ArrayList<>();
        /** {@code AttributesDetail.Card}: attributes whose underlying transactions to return. */
        private List<String> attributesDetail = new ArrayList<>();

        public List<String> getAttributes() { return attributes; }
        public void setAttributes(List<String> attributes) { this.attributes = attributes; }
        public List<String> getAccountCategories() { return accountCategories; }
        public void setAccountCategories(List<String> v) { this.accountCategories = v; }
        public boolean isFilterAccounts() { return filterAccounts; }
        public void setFilterAccounts(boolean filterAccounts) { this.filterAccounts = filterAccounts; }
        public List<String> getAccountTypes() { return accountTypes; }
        public void setAccountTypes(List<String> accountTypes) { this.accountTypes = accountTypes; }
        public List<String> getAttributesDetail() { return attributesDetail; }
        public void setAttributesDetail(List<String> attributesDetail) { this.attributesDetail = attributesDetail; }
    }

    /** Reuse of the AccountsReady requestId and re-authorization. */
    public static class Session {
        /** Flinks' RequestId idle expiry. */
        private Duration idleTimeout = Duration.ofMinutes(8);
        /** Safety margin: reuse only while last use + idle-timeout - margin is in the future. */
        private Duration margin = Duration.ofMinutes(2);
        /** Sessions one job may open (the re-authorize path, plus reopening if it expires during retries). */
        private int maxAuthorizations = 2;
        /** Run GetAccountsDetail on a new session before Attributes (Flinks' documented order). */
        private boolean accountsDetailFirst = true;

        public Duration getIdleTimeout() { return idleTimeout; }
        public void setIdleTimeout(Duration idleTimeout) { this.idleTimeout = idleTimeout; }
        public Duration getMargin() { return margin; }
        public void setMargin(Duration margin) { this.margin = margin; }
        public int getMaxAuthorizations() { return maxAuthorizations; }
        public void setMaxAuthorizations(int maxAuthorizations) { this.maxAuthorizations = maxAuthorizations; }
        public boolean isAccountsDetailFirst() { return accountsDetailFirst; }
        public void setAccountsDetailFirst(boolean v) { this.accountsDetailFirst = v; }
    }

    /** Retries of 202s and transient faults. */
    public static class Retry {
        /** Total time a job may take from its first attempt before it fails. */
        private Duration budget = Duration.ofMinutes(30);
        /** Wait after a 202 (Flinks recommends polling every 10 s). */
        private Duration pendingInterval = Duration.ofSeconds(10);
        /** Jitter of the pending interval, a fraction in [0, 1). */
        private double pendingJitter = 0.1;
        /** Ceiling of the first fault retry's delay (full jitter below it). */
        private Duration initialDelay = Duration.ofSeconds(2);
        /** Ceiling of every fault retry's delay. */
        private Duration maxDelay = Duration.ofSeconds(60);
        private double multiplier = 2.0;
        /**
         * Longest pause of a scheduled-retry partition before looking again: bounds how late a job that
         * was queued behind a later-due one can run.
         */
        private Duration maxPause = Duration.ofSeconds(1);
        /** First pause of a partition whose batch could not be written to Kafka (doubles up to max-delay). */
        private Duration kafkaFailureDelay = Duration.ofSeconds(1);

        public Duration getBudget() { return budget; }
        public void setBudget(Duration budget) { this.budget = budget; }
        public Duration getPendingInterval() { return pendingInterval; }
        public void setPendingInterval(Duration pendingInterval) { this.pendingInterval = pendingInterval; }
        public double getPendingJitter() { return pendingJitter; }
        public void setPendingJitter(double pendingJitter) { this.pendingJitter = pendingJitter; }
        public Duration getInitialDelay() { return initialDelay; }
        public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxPause() { return maxPause; }
        public void setMaxPause(Duration maxPause) { this.maxPause = maxPause; }
        public Duration getKafkaFailureDelay() { return kafkaFailureDelay; }
        public void setKafkaFailureDelay(Duration kafkaFailureDelay) { this.kafkaFailureDelay = kafkaFailureDelay; }
    }

        /** Topic names. */
    public static class TopicNames {
        private String accountsReady = Topics.ACCOUNTS_READY;
        private String attributesReady = Topics.ATTRIBUTES_READY;
        private String pipelineFailed = Topics.PIPELINE_FAILED;
        /** Internal: jobs waiting for their next attempt. */
        private String scheduled = "flinks-attributes.attributes-scheduled";
        /** Internal, compacted: the latest accepted snapshot per login (deduplication). */
        private String snapshots = "flinks-attributes.snapshots";
        /** Create the internal and dead-letter topics at start, with as many partitions as accounts-ready. */
        private boolean create = true;
        /** Replication factor of created topics. */
        private short replicationFactor = 1;
        /** Partitions of accounts-ready when the service has to create it (it normally exists). */
        private int defaultPartitions = 6;

        public String getAccountsReady() { return accountsReady; }
        public void setAccountsReady(String accountsReady) { this.accountsReady = accountsReady; }
        public String getAttributesReady() { return attributesReady; }
        public void setAttributesReady(String attributesReady) { this.attributesReady = attributesReady; }
        public String getPipelineFailed() { return pipelineFailed; }
        public void setPipelineFailed(String pipelineFailed) { this.pipelineFailed = pipelineFailed; }
        public String getScheduled() { return scheduled; }
        public void setScheduled(String scheduled) { this.scheduled = scheduled; }
        public String getSnapshots() { return snapshots; }
        public void setSnapshots(String snapshots) { this.snapshots = snapshots; }
        public boolean isCreate() { return create; }
        public void setCreate(boolean create) { this.create = create; }
        public int getDefaultPartitions() { return defaultPartitions; }
        public void setDefaultPartitions(int defaultPartitions) { this.defaultPartitions = defaultPartitions; }
        public short getReplicationFactor() { return replicationFactor; }
        public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
    }

    /** Kafka settings beyond spring.kafka.*. */
    public static class Kafka {
        /** Consumer group of both listeners. */
        private String groupId = "flinks-attributes";
        /** Consumer threads per listener (at most the partition count is useful). */
        private int concurrency = 1;
        /** Records per poll (processed concurrently, then written in one transaction). */
        private int maxPollRecords = 50;
        /** How long to wait for the snapshot state of an assigned partition to load. */
        private Duration stateLoadTimeout = Duration.ofMinutes(2);

        public String getGroupId() { return groupId; }
        public void setGroupId(String groupId) { this.groupId = groupId; }
        public int getConcurrency() { return concurrency; }
        public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
        public int getMaxPollRecords() { return maxPollRecords; }
        public void setMaxPollRecords(int maxPollRecords) { this.maxPollRecords = maxPollRecords; }
        public Duration getStateLoadTimeout() { return stateLoadTimeout; }
        public void setStateLoadTimeout(Duration stateLoadTimeout) { this.stateLoadTimeout = stateLoadTimeout; }
    }
}
