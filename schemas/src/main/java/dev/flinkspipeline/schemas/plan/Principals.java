package dev.flinkspipeline.schemas.plan;

import static dev.flinkspipeline.schemas.plan.Acl.Operation.CREATE;
import static dev.flinkspipeline.schemas.plan.Acl.Operation.READ;
import static dev.flinkspipeline.schemas.plan.Acl.Operation.WRITE;

import dev.flinkspipeline.schemas.Topics;
import java.util.List;

/**
 * The Kafka principals of the pipeline and the least each one needs, declared once: deploy/k8s/base/kafka/users.yaml
 * is generated from here, and the secured-broker tests apply the same rules. A service that starts to use a topic
 * without a rule here is refused by the broker.
 */
public final class Principals {

    public static final String INGEST = "ingest-service";
    public static final String POLLER = "poller-service";
    public static final String ATTRIBUTES = "attributes-service";
    public static final String ACCOUNTS_STREAMS = "accounts-streams";
    public static final String REGISTRY = "apicurio-registry";
    public static final String KEDA = "keda-lag";

    /** The poller's consumer groups all start with it (its spring.kafka.consumer.group-id, then each listener's suffix). */
    public static final String POLLER_GROUP_PREFIX = "flinks-poller-";
    /** attributes' groups: its spring.kafka.consumer.group-id and each listener's suffix. */
    public static final String ATTRIBUTES_ACCOUNTS_READY_GROUP = "flinks-attributes-accounts-ready";

    public static final String ATTRIBUTES_SCHEDULED_GROUP = "flinks-attributes-scheduled";
    /** The poller's main group, whose lag KEDA scales on. */
    public static final String POLLER_LOGINS_GROUP = "flinks-poller-logins";
    /** accounts-streams' application id: its group, and the prefix of its transactional ids and internal topics. */
    public static final String ACCOUNTS_STREAMS_APPLICATION_ID = "flinks-accounts-streams";

    private static final List<ClientAccess> ALL = List.of(
            new ClientAccess(
                    INGEST,
                    "ingest writes its events and reads back its own tag-binding claims (no consumer group: it assigns"
                            + " partitions); no transactions.",
                    List.of(
                            Acl.topic(Topics.LOGIN_RECEIVED, WRITE),
                            Acl.topic(Topics.KYC_RECEIVED, WRITE),
                            Acl.topic(Topics.ACCOUNTS_READY, WRITE),
                            Acl.topic(Topics.WEBHOOK_UNHANDLED, WRITE),
                            Acl.topic(Topics.PIPELINE_FAILED, WRITE),
                            Acl.topic(Topics.INGEST_TAG_BINDINGS, READ, WRITE))),
            new ClientAccess(
                    POLLER,
                    "poller: consumes LoginReceived, its own queues and AccountsReady (the webhook wait ends on it),"
                            + " writes in transactions named after its pods (PIPELINE_KAFKA_TRANSACTIONIDPREFIX),"
                            + " dead-letters what it consumes.",
                    List.of(
                            Acl.topic(Topics.LOGIN_RECEIVED, READ),
                            Acl.topic(Topics.ACCOUNTS_READY, READ, WRITE),
                            Acl.topic(Topics.PIPELINE_FAILED, WRITE),
                            Acl.topic(Topics.POLL_SCHEDULED, READ, WRITE),
                            Acl.topic(Topics.POLLER_WEBHOOK_WAIT, READ, WRITE),
                            Acl.topic(Topics.POLLER_LOGINS_SEEN, READ, WRITE),
                            Acl.topic(Topics.POLLER_ACCOUNTS_SEEN, READ, WRITE),
                            Acl.topic(Topics.dlt(Topics.LOGIN_RECEIVED), WRITE),
                            Acl.topic(Topics.dlt(Topics.ACCOUNTS_READY), WRITE),
                            Acl.topic(Topics.dlt(Topics.POLL_SCHEDULED), WRITE),
                            Acl.topic(Topics.dlt(Topics.POLLER_WEBHOOK_WAIT), WRITE),
                            Acl.groupPrefix(POLLER_GROUP_PREFIX, READ),
                            Acl.transactionalIdPrefix(POLLER + "-"))),
            new ClientAccess(
                    ATTRIBUTES,
                    "attributes: consumes AccountsReady and its own retry queue, keeps its snapshot state, writes in"
                            + " transactions named after its pods (PIPELINE_KAFKA_TRANSACTIONIDPREFIX), dead-letters"
                            + " what it consumes. Its consumer groups are its listener ids (Spring uses a listener's"
                            + " id as its group when it names none).",
                    List.of(
                            Acl.topic(Topics.ACCOUNTS_READY, READ),
                            Acl.topic(Topics.ATTRIBUTES_READY, WRITE),
                            Acl.topic(Topics.PIPELINE_FAILED, WRITE),
                            Acl.topic(Topics.ATTRIBUTES_SCHEDULED, READ, WRITE),
                            Acl.topic(Topics.ATTRIBUTES_SNAPSHOTS, READ, WRITE),
                            Acl.topic(Topics.dlt(Topics.ACCOUNTS_READY), WRITE),
                            Acl.topic(Topics.dlt(Topics.ATTRIBUTES_SCHEDULED), WRITE),
                            Acl.group(ATTRIBUTES_ACCOUNTS_READY_GROUP, READ),
                            Acl.group(ATTRIBUTES_SCHEDULED_GROUP, READ),
                            Acl.transactionalIdPrefix(ATTRIBUTES + "-"))),
            new ClientAccess(
                    ACCOUNTS_STREAMS,
                    "accounts-streams (Kafka Streams, exactly_once_v2): reads AccountsReady, writes the per-account"
                            + " topics and dead-letters what it cannot split. Its consumer group is its application id"
                            + " (" + ACCOUNTS_STREAMS_APPLICATION_ID + "), its transactional ids are <application"
                            + " id>-<process id>-<thread>, and it creates and uses its stores' changelog topics ("
                            + ACCOUNTS_STREAMS_APPLICATION_ID + "-<store>-changelog) itself: the prefix ACLs are its"
                            + " application id plus \"-\". No repartition topics, so no Delete; no cluster ACL (a"
                            + " transactional producer needs only its transactional id).",
                    List.of(
                            Acl.topic(Topics.ACCOUNTS_READY, READ),
                            Acl.topic(Topics.ACCOUNT_STATE, WRITE),
                            Acl.topic(Topics.ACCOUNT_TRANSACTIONS, WRITE),
                            Acl.topic(Topics.dlt(Topics.ACCOUNTS_READY), WRITE),
                            Acl.topicPrefix(ACCOUNTS_STREAMS_APPLICATION_ID + "-", CREATE, READ, WRITE),
                            Acl.group(ACCOUNTS_STREAMS_APPLICATION_ID, READ),
                            Acl.transactionalIdPrefix(ACCOUNTS_STREAMS_APPLICATION_ID + "-"))),
            new ClientAccess(
                    REGISTRY,
                    "Apicurio Registry's KafkaSQL storage: its journal and snapshots, its consumer groups.",
                    List.of(
                            Acl.topic(TopicPlan.REGISTRY_JOURNAL, READ, WRITE),
                            Acl.topic(TopicPlan.REGISTRY_SNAPSHOTS, READ, WRITE),
                            Acl.groupPrefix("apicurio-", READ))),
            new ClientAccess(
                    KEDA,
                    "KEDA's Kafka scaler reads the lag of the scaled consumer groups: describe only.",
                    List.of(
                            Acl.topic(Topics.LOGIN_RECEIVED),
                            Acl.topic(Topics.ACCOUNTS_READY),
                            Acl.group(POLLER_LOGINS_GROUP),
                            Acl.group(ATTRIBUTES_ACCOUNTS_READY_GROUP))));

    private Principals() {}

    /** Every principal, in the order they are rendered. */
    public static List<ClientAccess> all() {
        return ALL;
    }

    /** The rights of one principal. */
    public static ClientAccess access(String principal) {
        return ALL.stream()
                .filter(c -> c.principal().equals(principal))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no principal " + principal + " in the access plan"));
    }
}
