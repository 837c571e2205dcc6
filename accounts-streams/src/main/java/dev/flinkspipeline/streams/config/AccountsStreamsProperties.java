package dev.flinkspipeline.streams.config;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.streams.topology.StreamsTopics;
import dev.flinkspipeline.streams.topology.TopologySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code accounts-streams.*}: what the application adds to Spring Boot's {@code spring.kafka.streams.*}. */
@ConfigurationProperties("accounts-streams")
public class AccountsStreamsProperties {

    private final TopicNames topics = new TopicNames();
    /** How long an account or transaction is remembered after it was last seen (record time). */
    private Duration markRetention = TopologySettings.DEFAULT_MARK_RETENTION;
    /** How often (stream time) marks older than the retention are deleted. */
    private Duration cleanupInterval = TopologySettings.DEFAULT_CLEANUP_INTERVAL;
    /** CloudEvents {@code ce_source} of the records written. */
    private String eventSource = TopologySettings.DEFAULT_EVENT_SOURCE;
    /**
     * Kafka {@code group.instance.id} (static membership): stable per instance (e.g. the pod name), unique among
     * instances. Empty: dynamic membership, and a restarted instance waits out the session timeout.
     */
    private String instanceId;

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public TopicNames getTopics() {
        return topics;
    }

    public Duration getMarkRetention() {
        return markRetention;
    }

    public void setMarkRetention(Duration markRetention) {
        this.markRetention = markRetention;
    }

    public Duration getCleanupInterval() {
        return cleanupInterval;
    }

    public void setCleanupInterval(Duration cleanupInterval) {
        this.cleanupInterval = cleanupInterval;
    }

    public String getEventSource() {
        return eventSource;
    }

    public void setEventSource(String eventSource) {
        this.eventSource = eventSource;
    }

    public TopologySettings toSettings() {
        return new TopologySettings(new StreamsTopics(topics.accountsReady, topics.accountState,
                topics.accountTransactions, topics.deadLetter), markRetention, cleanupInterval, eventSource);
    }

    /** Topic names, and whether the application creates its output topics when they are missing. */
    public static class TopicNames {
        private String accountsReady = Topics.ACCOUNTS_READY;
        private String accountState = Topics.ACCOUNT_STATE;
        private String accountTransactions = Topics.ACCOUNT_TRANSACTIONS;
        private String deadLetter = Topics.dlt(Topics.ACCOUNTS_READY);
        /** Create account-state (compacted), account-transactions and the dead-letter topic when missing. */
        private boolean create = true;
        private int partitions = 6;
        /** -1: the broker's default. */
        private short replicationFactor = -1;

        public String getAccountsReady() {
            return accountsReady;
        }

        public void setAccountsReady(String accountsReady) {
            this.accountsReady = accountsReady;
        }

        public String getAccountState() {
            return accountState;
        }

        public void setAccountState(String accountState) {
            this.accountState = accountState;
        }

        public String getAccountTransactions() {
            return accountTransactions;
        }

        public void setAccountTransactions(String accountTransactions) {
            this.accountTransactions = accountTransactions;
        }

        public String getDeadLetter() {
            return deadLetter;
        }

        public void setDeadLetter(String deadLetter) {
            this.deadLetter = deadLetter;
        }

        public boolean isCreate() {
            return create;
        }

        public void setCreate(boolean create) {
            this.create = create;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }
    }
}
