package dev.flinkspipeline.service.kafka;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A service's topics: declared to spring-kafka's {@code KafkaAdmin} with the topic plan's settings when
 * {@code pipeline.job.topics.create} is on (in the cluster, KafkaTopics come from the same plan). Before the listeners
 * start, a topic read partition by partition along another (a ledger, the webhook wait) must have its partitions:
 * too few are added when the service manages its topics, else the service does not start, saying what to fix.
 */
public final class PlannedTopics extends KafkaAdmin.NewTopics implements SmartLifecycle {

    /** {@code exact}: the follower must not have more partitions either. */
    private record Pair(String leader, String follower, boolean exact) {}

    private static final Logger log = LoggerFactory.getLogger(PlannedTopics.class);
    /** Before the listener containers (spring-kafka starts them at Integer.MAX_VALUE - 100). */
    private static final int PHASE = Integer.MAX_VALUE - 200;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Plan plan;
    private final Map<String, Object> adminConfig;
    private volatile boolean running;

    private PlannedTopics(Plan plan, Map<String, Object> adminConfig) {
        super(plan.create ? plan.topics.toArray(NewTopic[]::new) : new NewTopic[0]);
        this.plan = plan;
        this.adminConfig = adminConfig;
    }

    public static final class Plan {

        private final boolean create;
        private final int partitions;
        private final Optional<Short> replication;
        private final List<NewTopic> topics = new ArrayList<>();
        private final List<Pair> pairs = new ArrayList<>();
        private final Map<String, Schema> outputs = new LinkedHashMap<>();

        /** @param replication -1: the broker's default */
        public Plan(boolean create, int partitions, short replication) {
            this.create = create;
            this.partitions = partitions;
            this.replication = replication < 1 ? Optional.empty() : Optional.of(replication);
        }

        /** A topic this service owns; {@code planned}: its name in the plan. */
        public Plan topic(String planned, String name) {
            return add(planned, name, Optional.of(partitions), Map.of());
        }

        /** A ledger whose retention follows a window of the service. */
        public Plan topic(String planned, String name, Duration retention) {
            String retentionMs = Long.toString(retention.toMillis());
            return add(planned, name, Optional.of(partitions), Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs));
        }

        /** A topic this service owns and its dead-letter topic. */
        public Plan withDeadLetters(String planned, String name) {
            return topic(planned, name).topic(Topics.dlt(planned), Topics.dlt(name));
        }

        /** Another service's topic: no partition count, KafkaAdmin would add partitions, re-keying its logins. */
        public Plan foreign(String planned, String name) {
            return add(planned, name, Optional.empty(), Map.of());
        }

        /** The service writes values of {@code schema} to topic {@code name} (warmed up at start). */
        public Plan output(String name, Schema schema) {
            outputs.put(name, schema);
            return this;
        }

        public Plan coPartitioned(String leader, String follower, boolean exact) {
            pairs.add(new Pair(leader, follower, exact));
            return this;
        }

        public PlannedTopics build(Map<String, Object> adminConfig) {
            return new PlannedTopics(this, adminConfig);
        }

        private Plan add(String planned, String name, Optional<Integer> count, Map<String, String> overrides) {
            Map<String, String> configs =
                    new LinkedHashMap<>(TopicPlan.topic(planned).configs());
            configs.putAll(overrides);
            topics.add(new NewTopic(name, count, replication).configs(configs));
            return this;
        }
    }

    /** The topics the service writes Avro values to, and each one's value schema. */
    public Map<String, Schema> outputs() {
        return Map.copyOf(plan.outputs);
    }

    @Override
    public void start() {
        running = true;
        try (Admin admin = Admin.create(adminConfig)) {
            for (Pair pair : plan.pairs) {
                align(admin, pair);
            }
        } catch (ExecutionException | TimeoutException e) {
            log.warn(
                    "Could not compare the partitions of co-partitioned topics ({}); the ledger loader checks "
                            + "each partition when it is assigned",
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void align(Admin admin, Pair pair) throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> topics = admin.describeTopics(List.of(pair.leader(), pair.follower()))
                .allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        int leader = topics.get(pair.leader()).partitions().size();
        int follower = topics.get(pair.follower()).partitions().size();
        if (follower > leader && pair.exact()) {
            throw new IllegalStateException(pair.follower() + " has " + follower + " partitions but "
                    + pair.leader() + " has " + leader + ": they must have the same number. Recreate "
                    + pair.follower() + " with " + leader + " partitions, or add partitions to " + pair.leader());
        }
        if (follower >= leader) {
            return;
        }
        if (!plan.create) {
            throw new IllegalStateException(pair.follower() + " has " + follower + " partitions but " + pair.leader()
                    + " has " + leader + ": records of the partitions above " + (follower - 1)
                    + " could not be matched. Add partitions to " + pair.follower()
                    + " (kafka-topics --alter --partitions " + leader + "), or let the service manage its topics");
        }
        admin.createPartitions(Map.of(pair.follower(), NewPartitions.increaseTo(leader)))
                .all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        log.info(
                "{} had {} partitions for the {} of {}: increased to {}",
                pair.follower(),
                follower,
                leader,
                pair.leader(),
                leader);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
