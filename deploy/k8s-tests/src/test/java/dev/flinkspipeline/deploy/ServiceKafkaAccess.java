package dev.flinkspipeline.deploy;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Acl;
import dev.flinkspipeline.schemas.plan.Principals;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What each service reads and writes on Kafka, as the access plan ({@link Principals}) grants it: the least its
 * KafkaUser must allow. Checked against the services' code by {@link TopicsAndAclsTest} (their configured topics,
 * their listeners), so a topic a service starts to use without a rule in the plan fails the build.
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

    static final String TAG_BINDINGS = Topics.INGEST_TAG_BINDINGS;
    static final String LOGINS_SEEN = Topics.POLLER_LOGINS_SEEN;
    static final String ACCOUNTS_SEEN = Topics.POLLER_ACCOUNTS_SEEN;
    static final String WEBHOOK_WAIT = Topics.POLLER_WEBHOOK_WAIT;
    static final String ATTRIBUTES_SCHEDULED = Topics.ATTRIBUTES_SCHEDULED;
    static final String SNAPSHOTS = Topics.ATTRIBUTES_SNAPSHOTS;

    static final ServiceKafkaAccess INGEST = fromPlan(Principals.INGEST, "ingest-service", false, null);
    static final ServiceKafkaAccess POLLER = fromPlan(Principals.POLLER, "poller-service", true, null);
    static final ServiceKafkaAccess ATTRIBUTES = fromPlan(Principals.ATTRIBUTES, "attributes-service", true, null);

    static final String ACCOUNTS_STREAMS_APPLICATION_ID = Principals.ACCOUNTS_STREAMS_APPLICATION_ID;

    /** Kafka Streams, exactly_once_v2: its stores' changelogs are internal topics it creates itself. */
    static final ServiceKafkaAccess ACCOUNTS_STREAMS =
            fromPlan(Principals.ACCOUNTS_STREAMS, "accounts-streams", true, ACCOUNTS_STREAMS_APPLICATION_ID);

    static final List<ServiceKafkaAccess> ALL = List.of(INGEST, POLLER, ATTRIBUTES, ACCOUNTS_STREAMS);

    /** A service's reads and writes as the access plan grants them (its topics named one by one). */
    private static ServiceKafkaAccess fromPlan(
            String principal, String module, boolean transactional, String streamsApplicationId) {
        Set<String> reads = new LinkedHashSet<>();
        Set<String> writes = new LinkedHashSet<>();
        for (Acl acl : Principals.access(principal).acls(Acl.Resource.TOPIC)) {
            if (acl.prefix()) {
                continue;
            }
            if (acl.operations().contains(Acl.Operation.READ)) {
                reads.add(acl.name());
            }
            if (acl.operations().contains(Acl.Operation.WRITE)) {
                writes.add(acl.name());
            }
        }
        return new ServiceKafkaAccess(
                principal, module, Set.copyOf(reads), Set.copyOf(writes), transactional, streamsApplicationId);
    }

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
