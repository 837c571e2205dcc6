package dev.flinkspipeline.attributes.kafka;

import dev.flinkspipeline.attributes.config.AttributesProperties;
import dev.flinkspipeline.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the topics the service owns, before its listeners start: the scheduled-retry topic, the
 * compacted snapshot topic (as many partitions as AccountsReady, since it is read partition by partition
 * alongside it) and the dead-letter topics. AccountsReady itself must exist (its producers own it); when
 * it is missing the service creates it with {@code default-partitions} so a fresh local stack starts.
 */
public final class TopicsInitializer {

    private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);
    private static final long TIMEOUT_S = 30;

    private final Admin admin;
    private final AttributesProperties.TopicNames topics;
    private final int defaultPartitions;

    public TopicsInitializer(Admin admin, AttributesProperties.TopicNames topics, int defaultPartitions) {
        this.admin = admin;
        this.topics = topics;
        this.defaultPartitions = defaultPartitions;
    }

    public void run() {
        int partitions = partitions(topics.getAccountsReady()).orElseGet(() -> {
            create(topics.getAccountsReady(), defaultPartitions, Map.of());
            return defaultPartitions;
        });
        ensure(topics.getSnapshots(), partitions, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT));
        ensure(topics.getScheduled(), partitions, Map.of());
        ensure(topics.getAttributesReady(), partitions, Map.of());
        ensure(topics.getPipelineFailed(), partitions, Map.of());
        ensure(Topics.dlt(topics.getAccountsReady()), partitions, Map.of());
        ensure(Topics.dlt(topics.getScheduled()), partitions, Map.of());
    }

    private void ensure(String topic, int partitions, Map<String, String> configs) {
        Optional<Integer> existing = partitions(topic);
        if (existing.isEmpty()) {
            create(topic, partitions, configs);
        } else if (topic.equals(topics.getSnapshots()) && existing.get() < partitions) {
            // The snapshot state is written to the AccountsReady partition number: it needs as many.
            call(() -> admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS), topic);
            log.info("grew {} to {} partitions to match {}", topic, partitions, topics.getAccountsReady());
        }
    }

    private Optional<Integer> partitions(String topic) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(java.util.List.of(topic)).allTopicNames()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
            return Optional.of(d.get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe topic " + topic + ": " + e, e);
        }
    }

    private void create(String topic, int partitions, Map<String, String> configs) {
        NewTopic newTopic = new NewTopic(topic, partitions, topics.getReplicationFactor()).configs(configs);
        call(() -> admin.createTopics(java.util.List.of(newTopic)).all().get(TIMEOUT_S, TimeUnit.SECONDS), topic);
        log.info("created topic {} ({} partitions)", topic, partitions);
    }

    private interface AdminCall {
        void run() throws Exception;
    }

    private static void call(AdminCall call, String topic) {
        try {
            call.run();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }
}
