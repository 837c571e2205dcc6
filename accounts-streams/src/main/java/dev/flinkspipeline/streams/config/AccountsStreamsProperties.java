package dev.flinkspipeline.streams.config;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.streams.topology.StreamsTopics;
import dev.flinkspipeline.streams.topology.TopologySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accounts-streams.*}: what the application adds to Spring Boot's {@code spring.kafka.streams.*}
 * (environment {@code ACCOUNTSSTREAMS_*} by relaxed binding, e.g. {@code ACCOUNTSSTREAMS_INSTANCEID}); the
 * defaults are here, docs/streams.md lists them. The defaults of the topology match {@link TopologySettings#defaults()}.
 *
 * @param instanceId      Kafka {@code group.instance.id} (static membership): stable per instance (e.g. the pod
 *                        name), unique among instances. Empty: dynamic membership, and a restarted instance waits
 *                        out the session timeout
 * @param markRetention   how long an account or transaction is remembered after it was last seen (record time)
 * @param cleanupInterval how often (stream time) marks older than the retention are deleted
 * @param eventSource     CloudEvents {@code ce_source} of the records written
 */
@ConfigurationProperties("accounts-streams")
public record AccountsStreamsProperties(
        String instanceId,
        @DefaultValue("400d") Duration markRetention,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("/flinks-pipeline/accounts-streams") String eventSource,
        @DefaultValue TopicNames topics) {

    public TopologySettings toSettings() {
        return new TopologySettings(
                new StreamsTopics(
                        topics.accountsReady(),
                        topics.accountState(),
                        topics.accountTransactions(),
                        topics.deadLetter()),
                markRetention,
                cleanupInterval,
                eventSource);
    }

    /**
     * Topic names, and whether the application creates its output topics when they are missing.
     *
     * @param deadLetter        {@code <accounts-ready>.DLT}
     * @param create            create account-state (compacted), account-transactions and the dead-letter topic
     *                          when missing, with the topic plan's settings; off by default: the cluster's topics
     *                          are declared from the plan (tests and bare brokers turn it on)
     * @param partitions        of the topics created here
     * @param replicationFactor of the topics created here; -1: the broker's default
     */
    public record TopicNames(
            @DefaultValue(Topics.ACCOUNTS_READY) String accountsReady,
            @DefaultValue(Topics.ACCOUNT_STATE) String accountState,
            @DefaultValue(Topics.ACCOUNT_TRANSACTIONS) String accountTransactions,
            @DefaultValue("flinks.accounts-ready.DLT") String deadLetter,
            @DefaultValue("false") boolean create,
            @DefaultValue("6") int partitions,
            @DefaultValue("-1") short replicationFactor) {}
}
