package dev.flinkspipeline.schemas;

import java.util.List;

/**
 * Default topic names of the pipeline. Every record on them is keyed by loginId so that one customer's
 * story stays ordered in one partition, except the per-account topics {@link #ACCOUNT_STATE} and
 * {@link #ACCOUNT_TRANSACTIONS}, keyed by accountId. Services may override the names in configuration.
 */
public final class Topics {

    /** {@code LoginReceived}: a customer finished Flinks Connect. */
    public static final String LOGIN_RECEIVED = "flinks.login-received";
    /** {@code KycReceived}: the early KYC webhook. */
    public static final String KYC_RECEIVED = "flinks.kyc-received";
    /** {@code AccountsReady}: the full GetAccountsDetail result (poll or webhook). */
    public static final String ACCOUNTS_READY = "flinks.accounts-ready";
    /** {@code AttributesReady}: the Attributes result. */
    public static final String ATTRIBUTES_READY = "flinks.attributes-ready";
    /** {@code PipelineFailed}: a terminal failure. */
    public static final String PIPELINE_FAILED = "flinks.pipeline-failed";
    /** {@code PollScheduled}: the poller's internal queue of pending polls. */
    public static final String POLL_SCHEDULED = "flinks-poller.poll-scheduled";
    /** Webhooks of a type we do not turn into an event, kept raw so nothing Flinks sends is lost. */
    public static final String WEBHOOK_UNHANDLED = "flinks.webhook-unhandled";
    /**
     * {@code AccountState}: the latest state of each account, <b>keyed by accountId</b> and compacted (written by
     * accounts-streams from AccountsReady).
     */
    public static final String ACCOUNT_STATE = "flinks.account-state";
    /**
     * {@code AccountTransaction}: each transaction once (again only when its content changed), <b>keyed by
     * accountId</b> so one account's transactions stay ordered (written by accounts-streams).
     */
    public static final String ACCOUNT_TRANSACTIONS = "flinks.account-transactions";

    /** The poller's ledger of LoginReceived eventIds taken on (compacted, kept for its dedup window). */
    public static final String POLLER_LOGINS_SEEN = "flinks-poller.logins-seen";
    /** The poller's webhook-flow logins waiting for their webhook. */
    public static final String POLLER_WEBHOOK_WAIT = "flinks-poller.webhook-wait";
    /** The poller's logins whose AccountsReady arrived (compacted, kept a few hours). */
    public static final String POLLER_ACCOUNTS_SEEN = "flinks-poller.accounts-seen";
    /** attributes-service's snapshot state, one partition per AccountsReady partition. */
    public static final String ATTRIBUTES_SNAPSHOTS = "flinks-attributes.snapshots";
    /** attributes-service's scheduled retries, each carrying its whole AccountsReady. */
    public static final String ATTRIBUTES_SCHEDULED = "flinks-attributes.attributes-scheduled";
    /** ingest-service's Connect session to login claims. */
    public static final String INGEST_TAG_BINDINGS = "flinks-ingest.tag-bindings";

    /** Suffix of dead-letter topics. */
    public static final String DLT_SUFFIX = ".DLT";

    /**
     * Every default event topic between the services (without dead-letter topics and the services' internal
     * topics; {@link dev.flinkspipeline.schemas.plan.TopicPlan} has every topic with its settings).
     */
    public static final List<String> ALL = List.of(
            LOGIN_RECEIVED,
            KYC_RECEIVED,
            ACCOUNTS_READY,
            ATTRIBUTES_READY,
            PIPELINE_FAILED,
            POLL_SCHEDULED,
            WEBHOOK_UNHANDLED,
            ACCOUNT_STATE,
            ACCOUNT_TRANSACTIONS);

    private Topics() {}

    /** The dead-letter topic of {@code topic}: {@code topic + ".DLT"}. */
    public static String dlt(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        return topic + DLT_SUFFIX;
    }

    /** Schema-registry subject of the record values of {@code topic} (TopicNameStrategy). */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** Schema-registry subject of the record keys of {@code topic} (TopicNameStrategy). */
    public static String keySubject(String topic) {
        return topic + "-key";
    }
}
