package dev.flinkspipeline.attributes.config;

import dev.flinkspipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the attributes service, under {@code attributes.*} (environment {@code ATTRIBUTES_*} by
 * relaxed binding, e.g. {@code ATTRIBUTES_ATTRIBUTESET=Lending}). See docs/attributes.md for the full table.
 *
 * @param attributeSet   which Attributes to fetch: a use-case endpoint (UserAnalysis, Lending, CreditRisk, Income,
 *                       BusinessAnalysis, All, AllBusiness) or Custom (the POST endpoint with {@code custom})
 * @param attemptTimeout bound on one attempt (all Flinks calls it makes); an attempt that takes longer is retried later
 */
@ConfigurationProperties("attributes")
public record AttributesProperties(
        @DefaultValue("UserAnalysis") String attributeSet,
        @DefaultValue("20s") Duration attemptTimeout,
        @DefaultValue Custom custom,
        @DefaultValue Session session,
        @DefaultValue Retry retry,
        @DefaultValue TopicNames topics,
        @DefaultValue Kafka kafka) {

    /**
     * The custom attribute set (attribute-set=Custom).
     *
     * @param attributes        attribute names ({@code Attributes.Card}), from Flinks' attributes library
     * @param accountCategories {@code Filters.AccountCategory}, e.g. Operations (empty: no filter)
     * @param filterAccounts    send {@code AccountFilter.AccountId} with the accounts of the AccountsReady
     * @param accountTypes      with filter-accounts: only accounts whose Type or Category is one of these (empty: all)
     * @param attributesDetail  {@code AttributesDetail.Card}: attributes whose underlying transactions to return
     */
    public record Custom(
            @DefaultValue List<String> attributes,
            @DefaultValue List<String> accountCategories,
            boolean filterAccounts,
            @DefaultValue List<String> accountTypes,
            @DefaultValue List<String> attributesDetail) {}

    /**
     * Reuse of the AccountsReady requestId and re-authorization.
     *
     * @param idleTimeout         Flinks' RequestId idle expiry
     * @param margin              reuse only while last use + idle-timeout - margin is in the future
     * @param maxAuthorizations   sessions one job may open (re-authorize, plus reopening if it expires during retries)
     * @param accountsDetailFirst run GetAccountsDetail on a new session before Attributes (Flinks' documented order)
     */
    public record Session(
            @DefaultValue("8m") Duration idleTimeout,
            @DefaultValue("2m") Duration margin,
            @DefaultValue("2") int maxAuthorizations,
            @DefaultValue("true") boolean accountsDetailFirst) {}

    /**
     * Retries of 202s and transient faults.
     *
     * @param budget            total time a job may take from its first attempt before it fails
     * @param pendingInterval   wait after a 202 (Flinks recommends polling every 10 s)
     * @param pendingJitter     jitter of the pending interval, a fraction in [0, 1)
     * @param initialDelay      ceiling of the first fault retry's delay (full jitter below it)
     * @param maxDelay          ceiling of every fault retry's delay
     * @param maxPause          longest pause of a scheduled-retry partition before looking again: bounds how late a
     *                          job queued behind a later-due one can run
     * @param kafkaFailureDelay first pause of a partition whose batch could not be written (doubles up to max-delay)
     */
    public record Retry(
            @DefaultValue("30m") Duration budget,
            @DefaultValue("10s") Duration pendingInterval,
            @DefaultValue("0.1") double pendingJitter,
            @DefaultValue("2s") Duration initialDelay,
            @DefaultValue("60s") Duration maxDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("1s") Duration maxPause,
            @DefaultValue("1s") Duration kafkaFailureDelay) {}

    /**
     * @param scheduled         internal: jobs waiting for their next attempt
     * @param snapshots         internal, compacted: the latest accepted snapshot per login (deduplication)
     * @param create            create the internal and dead-letter topics at start, with as many partitions as
     *                          accounts-ready and the topic plan's settings; off by default: the cluster's topics are
     *                          declared from the plan (tests and bare brokers turn it on)
     * @param defaultPartitions partitions of accounts-ready when the service has to create it (it normally exists)
     */
    public record TopicNames(
            @DefaultValue(Topics.ACCOUNTS_READY) String accountsReady,
            @DefaultValue(Topics.ATTRIBUTES_READY) String attributesReady,
            @DefaultValue(Topics.PIPELINE_FAILED) String pipelineFailed,

            @DefaultValue(Topics.ATTRIBUTES_SCHEDULED) String scheduled,
            @DefaultValue(Topics.ATTRIBUTES_SNAPSHOTS) String snapshots,
            @DefaultValue("false") boolean create,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("6") int defaultPartitions) {}

    /**
     * Kafka settings beyond spring.kafka.*.
     *
     * @param groupId          prefix of the listeners' consumer groups: {@code <group-id>-accounts-ready} and
     *                         {@code <group-id>-scheduled} (each {@code @KafkaListener} names its group)
     * @param concurrency      consumer threads per listener (at most the partition count is useful)
     * @param maxPollRecords   records per poll (processed concurrently, then written in one transaction)
     * @param stateLoadTimeout how long to wait for the snapshot state of an assigned partition to load
     */
    public record Kafka(
            @DefaultValue("flinks-attributes") String groupId,
            @DefaultValue("1") int concurrency,
            @DefaultValue("50") int maxPollRecords,
            @DefaultValue("2m") Duration stateLoadTimeout) {}
}
