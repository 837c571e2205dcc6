package dev.flinkspipeline.service.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Before the listeners start: topics read partition by partition along another topic must have the
 * partitions it has. A ledger ({@code logins-seen}) needs at least the partitions of its input, since the
 * entries of input partition N are kept in ledger partition N; the webhook-wait topic needs exactly those
 * of accounts-ready, since a login's wait and its AccountsReady must land on the same partition number.
 * Too few partitions are added when the service manages its topics;
 * otherwise, or when there are too many, the service does not start, saying what to fix. A broker that
 * cannot be asked in time only gets a warning.
 */
public final class CoPartitionedTopics implements SmartLifecycle {

    /** {@code follower} is read along {@code leader}; {@code exact}: it must not have more partitions either. */
    public record Pair(String leader, String follower, boolean exact) {}

    private static final Logger log = LoggerFactory.getLogger(CoPartitionedTopics.class);
    /** Before the listener containers (spring-kafka starts them at Integer.MAX_VALUE - 100). */
    private static final int PHASE = Integer.MAX_VALUE - 200;

    private final Map<String, Object> adminConfig;
    private final List<Pair> pairs;
    private final boolean manageTopics;
    private final Duration timeout;
    private volatile boolean running;

    public CoPartitionedTopics(
            Map<String, Object> adminConfig, List<Pair> pairs, boolean manageTopics, Duration timeout) {
        this.adminConfig = adminConfig;
        this.pairs = List.copyOf(pairs);
        this.manageTopics = manageTopics;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
        try (Admin admin = Admin.create(adminConfig)) {
            for (Pair pair : pairs) {
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
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        if (!manageTopics) {
            throw new IllegalStateException(pair.follower() + " has " + follower + " partitions but " + pair.leader()
                    + " has " + leader + ": records of the partitions above " + (follower - 1)
                    + " could not be matched. Add partitions to " + pair.follower()
                    + " (kafka-topics --alter --partitions " + leader + "), or let the service manage its topics");
        }
        admin.createPartitions(Map.of(pair.follower(), NewPartitions.increaseTo(leader)))
                .all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
