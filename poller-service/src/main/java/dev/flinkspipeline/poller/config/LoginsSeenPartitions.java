package dev.flinkspipeline.poller.config;

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
 * Before the listeners start: the {@code logins-seen} ledger must have a partition for every
 * login-received partition, since the eventIds of login-received partition N are kept in ledger partition
 * N. Too few partitions are added when the service manages its topics ({@code poller.topics.create});
 * otherwise the service does not start, saying what to fix. A broker that cannot be asked in time only
 * gets a warning: the ledger loader checks again, per partition, on assignment.
 */
final class LoginsSeenPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LoginsSeenPartitions.class);
    /** Before the listener containers (spring-kafka starts them at Integer.MAX_VALUE - 100). */
    private static final int PHASE = Integer.MAX_VALUE - 200;

    private final Map<String, Object> adminConfig;
    private final String loginReceived;
    private final String loginsSeen;
    private final boolean manageTopics;
    private final Duration timeout;
    private volatile boolean running;

    LoginsSeenPartitions(Map<String, Object> adminConfig, String loginReceived, String loginsSeen,
                         boolean manageTopics, Duration timeout) {
        this.adminConfig = adminConfig;
        this.loginReceived = loginReceived;
        this.loginsSeen = loginsSeen;
        this.manageTopics = manageTopics;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
        try (Admin admin = Admin.create(adminConfig)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(loginReceived, loginsSeen))
                    .allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int inputs = topics.get(loginReceived).partitions().size();
            int ledger = topics.get(loginsSeen).partitions().size();
            if (ledger >= inputs) {
                return;
            }
            if (!manageTopics) {
                throw new IllegalStateException(loginsSeen + " has " + ledger + " partitions but " + loginReceived
                        + " has " + inputs + ": LoginReceived of the partitions above " + (ledger - 1)
                        + " could not be deduplicated nor committed. Add partitions to " + loginsSeen
                        + " (kafka-topics --alter --partitions " + inputs + "), or let the poller manage its topics "
                        + "(poller.topics.create=true)");
            }
            admin.createPartitions(Map.of(loginsSeen, NewPartitions.increaseTo(inputs)))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info("{} had {} partitions for the {} of {}: increased to {}", loginsSeen, ledger, inputs,
                    loginReceived, inputs);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not compare the partitions of {} and {} ({}); the ledger loader checks each partition "
                    + "when it is assigned", loginReceived, loginsSeen, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
