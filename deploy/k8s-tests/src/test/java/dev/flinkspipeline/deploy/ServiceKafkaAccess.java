package dev.flinkspipeline.deploy;

import dev.flinkspipeline.schemas.Topics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What each service reads and writes on Kafka: the least its KafkaUser must allow. Checked against the
 * services' code by {@link TopicsAndAclsTest} (their configured topics, their listeners), so a topic a
 * service starts to use without a line here fails the build.
 *
 * @param user the KafkaUser, also the Deployment (its pods' names start with it)
 * @param module the service's Maven module
 * @param reads topics it consumes or reads back
 * @param writes topics it produces to, dead-letter topics included
 * @param transactional whether it writes in transactions (ids prefixed by its pod's name, or for a Kafka Streams
 *        application by its application id)
 * @param streamsApplicationId a Kafka Streams application's id (its consumer group, the prefix of its
 *        transactional ids and of the internal topics it creates itself), {@code null} for the other services
 */
record ServiceKafkaAccess(
        String user,
        String module,
        Set<String> reads,
        Set<String> writes,
        boolean transactional,
        String streamsApplicationId) {

    static final String TAG_BINDINGS = "flinks-ingest.tag-bindings";
    static final String LOGINS_SEEN = "flinks-poller.logins-seen";
    static final String ACCOUNTS_SEEN = "flinks-poller.accounts-seen";
    static final String WEBHOOK_WAIT = "flinks-poller.webhook-wait";
    static final String ATTRIBUTES_SCHEDULED = "flinks-attributes.attributes-scheduled";
    static final String SNAPSHOTS = "flinks-attributes.snapshots";

    static final ServiceKafkaAccess INGEST = new ServiceKafkaAccess(
            "ingest-service",
            "ingest-service",
            Set.of(TAG_BINDINGS),
            Set.of(
                    Topics.LOGIN_RECEIVED,
                    Topics.KYC_RECEIVED,
                    Topics.ACCOUNTS_READY,
                    Topics.WEBHOOK_UNHANDLED,
                    Topics.PIPELINE_FAILED,
                    TAG_BINDINGS),
            false,
            null);

    static final ServiceKafkaAccess POLLER = new ServiceKafkaAccess(
            "poller-service",
            "poller-service",
            Set.of(
                    Topics.LOGIN_RECEIVED,
                    Topics.ACCOUNTS_READY,
                    Topics.POLL_SCHEDULED,
                    WEBHOOK_WAIT,
                    LOGINS_SEEN,
                    ACCOUNTS_SEEN),
            Set.of(
                    Topics.ACCOUNTS_READY,
                    Topics.PIPELINE_FAILED,
                    Topics.POLL_SCHEDULED,
                    WEBHOOK_WAIT,
                    LOGINS_SEEN,
                    ACCOUNTS_SEEN,
                    Topics.dlt(Topics.LOGIN_RECEIVED),
                    Topics.dlt(Topics.ACCOUNTS_READY),
                    Topics.dlt(Topics.POLL_SCHEDULED),
                    Topics.dlt(WEBHOOK_WAIT)),
            true,
            null);

    static final ServiceKafkaAccess ATTRIBUTES = new ServiceKafkaAccess(
            "attributes-service",
            "attributes-service",
            Set.of(Topics.ACCOUNTS_READY, ATTRIBUTES_SCHEDULED, SNAPSHOTS),
            Set.of(
                    Topics.ATTRIBUTES_READY,
                    Topics.PIPELINE_FAILED,
                    ATTRIBUTES_SCHEDULED,
                    SNAPSHOTS,
                    Topics.dlt(Topics.ACCOUNTS_READY),
                    Topics.dlt(ATTRIBUTES_SCHEDULED)),
            true,
            null);

    static final String ACCOUNTS_STREAMS_APPLICATION_ID = "flinks-accounts-streams";

    /** Kafka Streams, exactly_once_v2: its stores' changelogs are internal topics it creates itself. */
    static final ServiceKafkaAccess ACCOUNTS_STREAMS = new ServiceKafkaAccess(
            "accounts-streams",
            "accounts-streams",
            Set.of(Topics.ACCOUNTS_READY),
            Set.of(Topics.ACCOUNT_STATE, Topics.ACCOUNT_TRANSACTIONS, Topics.dlt(Topics.ACCOUNTS_READY)),
            true,
            ACCOUNTS_STREAMS_APPLICATION_ID);

    static final List<ServiceKafkaAccess> ALL = List.of(INGEST, POLLER, ATTRIBUTES, ACCOUNTS_STREAMS);

    /** Every topic it touches. */
    Set<String> topics() {
        Set<String> all = new LinkedHashSet<>(reads);
        all.addAll(writes);
        return all;
    }

    boolean isStreams() {
        return streamsApplicationId != null;
    }

    /**
     * The prefix of its internal topics: {@code flinks-poller.} for poller-service; for a Kafka Streams
     * application its application id and a dash ({@code flinks-accounts-streams-}), as Kafka Streams names them.
     */
    String internalPrefix() {
        return isStreams() ? streamsApplicationId + "-" : "flinks-" + user.replace("-service", "") + ".";
    }

    /** The prefix of its transactional ids: its pod's name (the Deployment's), or a Streams application's id. */
    String transactionalIdPrefix() {
        return (isStreams() ? streamsApplicationId : user) + "-";
    }
}
