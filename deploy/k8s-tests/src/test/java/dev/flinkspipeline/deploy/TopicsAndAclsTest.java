package dev.flinkspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topics and principals of deploy/k8s against the services' code: every topic a service uses is declared
 * with the project's settings, and each service's KafkaUser allows what it reads and writes, nothing more.
 */
class TopicsAndAclsTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    /** Topics whose records carry whole Flinks payloads (as the local stack's TopicPlan). */
    private static final Set<String> FULL_PAYLOAD = Set.of(
            Topics.ACCOUNTS_READY,
            Topics.KYC_RECEIVED,
            Topics.ATTRIBUTES_READY,
            Topics.WEBHOOK_UNHANDLED,
            ServiceKafkaAccess.ATTRIBUTES_SCHEDULED);

    private static RenderedManifests base;
    private static Map<String, JsonNode> topicsByName;
    private static ServiceSources poller;
    private static ServiceSources attributes;
    private static ServiceSources accountsStreams;

    @BeforeAll
    static void readSources() {
        poller = ServiceSources.spring("poller-service", "poller");
        attributes = ServiceSources.spring("attributes-service", "attributes");
        accountsStreams = ServiceSources.spring("accounts-streams", "accounts-streams");
    }

    /** Per test, so that each reports itself skipped, with the reason, without kubectl. */
    @BeforeEach
    void render() {
        base = RenderedManifests.render("base");
        topicsByName = new TreeMap<>();
        for (JsonNode t : base.ofKind("KafkaTopic")) {
            String name = t.path("spec")
                    .path("topicName")
                    .asText(t.path("metadata").path("name").asText());
            assertThat(topicsByName.put(name, t))
                    .as("topic %s declared twice", name)
                    .isNull();
        }
    }

    @Test
    void theAccessTableIsWhatTheServicesCodeUses() {
        assertThat(withoutDlts(ServiceKafkaAccess.INGEST.topics()))
                .as("ingest's topics")
                .isEqualTo(ServiceSources.ingestTopics());
        assertThat(withoutDlts(ServiceKafkaAccess.POLLER.topics()))
                .as("poller's topics")
                .isEqualTo(poller.topicNames("poller.topics"));
        assertThat(withoutDlts(ServiceKafkaAccess.ATTRIBUTES.topics()))
                .as("attributes' topics")
                .isEqualTo(attributes.topicNames("attributes.topics"));
        assertListenersCovered(ServiceKafkaAccess.POLLER, poller);
        assertListenersCovered(ServiceKafkaAccess.ATTRIBUTES, attributes);
    }

    @Test
    void theAccessTableIsWhatAccountsStreamsCodeUses() {
        ServiceKafkaAccess streams = ServiceKafkaAccess.ACCOUNTS_STREAMS;
        assertThat(withoutDlts(streams.topics()))
                .as("accounts-streams' topics")
                .isEqualTo(accountsStreams.topicNames("accounts-streams.topics"));
        // Its topology: one source, two outputs, the dead-letter topic of its source.
        assertThat(streams.reads())
                .as("accounts-streams reads")
                .containsExactly(accountsStreams.setting("accounts-streams.topics.accounts-ready"));
        assertThat(streams.writes())
                .as("accounts-streams writes")
                .containsExactlyInAnyOrder(
                        accountsStreams.setting("accounts-streams.topics.account-state"),
                        accountsStreams.setting("accounts-streams.topics.account-transactions"),
                        accountsStreams.setting("accounts-streams.topics.dead-letter"));
        assertThat(accountsStreams.setting("accounts-streams.topics.dead-letter"))
                .isEqualTo(Topics.dlt(accountsStreams.setting("accounts-streams.topics.accounts-ready")));
        assertThat(streams.streamsApplicationId())
                .as("application id")
                .isEqualTo(accountsStreams.setting("spring.kafka.streams.application-id"));
        assertThat(streams.transactional())
                .as("exactly once: transactional")
                .isEqualTo(accountsStreams
                        .setting("spring.kafka.streams.properties.processing.guarantee")
                        .startsWith("exactly_once"));
    }

    @Test
    void everyTopicTheServicesUseIsDeclared() {
        Set<String> used = new TreeSet<>();
        for (String topic : Topics.ALL) {
            used.add(topic);
            used.add(Topics.dlt(topic));
        }
        ServiceKafkaAccess.ALL.forEach(s -> used.addAll(s.topics()));

        assertThat(topicsByName.keySet()).containsAll(used);
    }

    @Test
    void everyTopicIsReplicatedThreeTimesAndAWriteNeedsTwo() {
        topicsByName.forEach((name, t) -> {
            assertThat(t.path("spec").path("replicas").asInt())
                    .as("%s replicas", name)
                    .isEqualTo(3);
            assertThat(config(name, "min.insync.replicas"))
                    .as("%s min.insync.replicas", name)
                    .isEqualTo("2");
        });
    }

    @Test
    void fullPayloadAndDeadLetterTopicsTakeSixteenMebibyteRecords() {
        topicsByName.keySet().stream()
                .filter(n -> FULL_PAYLOAD.contains(n) || n.endsWith(Topics.DLT_SUFFIX))
                .forEach(
                        n -> assertThat(config(n, "max.message.bytes")).as(n).isEqualTo(Integer.toString(SIXTEEN_MIB)));
    }

    @Test
    void retentionAndCompactionFollowTheServicesSettings() {
        for (String topic : Topics.ALL) {
            String policy = topic.equals(Topics.ACCOUNT_STATE) ? "compact" : "delete";
            assertThat(config(topic, "cleanup.policy")).as(topic).isEqualTo(policy);
            assertThat(config(Topics.dlt(topic), "cleanup.policy"))
                    .as(Topics.dlt(topic))
                    .isEqualTo("delete");
        }
        // The latest state per account: accounts-streams itself creates it compacted where it may create topics.
        assertThat(ServiceSources.javaSource(
                        "accounts-streams", "dev/flinkspipeline/streams/config/StreamsConfiguration.java"))
                .containsPattern("TopicBuilder\\.name\\(topics\\.accountState\\(\\)\\)[^;]*\\.compact\\(\\)");
        // The poller remembers LoginReceived eventIds for its dedup window, arrived accounts for 2 x grace + 1 h.
        assertThat(config(ServiceKafkaAccess.LOGINS_SEEN, "cleanup.policy")).isEqualTo("compact,delete");
        assertThat(config(ServiceKafkaAccess.LOGINS_SEEN, "retention.ms"))
                .isEqualTo(millis(poller.setting("poller.dedup.window")));
        Duration grace = Duration.ofMillis(Long.parseLong(millis(poller.setting("poller.webhook-fallback.grace"))));
        assertThat(config(ServiceKafkaAccess.ACCOUNTS_SEEN, "cleanup.policy")).isEqualTo("compact,delete");
        assertThat(config(ServiceKafkaAccess.ACCOUNTS_SEEN, "retention.ms"))
                .isEqualTo(Long.toString(grace.multipliedBy(2).plusHours(1).toMillis()));
        assertThat(config(ServiceKafkaAccess.SNAPSHOTS, "cleanup.policy")).isEqualTo("compact");
        // Compaction would keep only the last claim of a session: never compacted.
        assertThat(config(ServiceKafkaAccess.TAG_BINDINGS, "cleanup.policy")).isEqualTo("delete");
        assertThat(config(ServiceKafkaAccess.TAG_BINDINGS, "retention.ms"))
                .isEqualTo(millis(ServiceSources.ingestTagBindingsRetention()));
    }

    @Test
    void coPartitionedTopicsHaveTheSamePartitions() {
        assertSamePartitions(Topics.LOGIN_RECEIVED, ServiceKafkaAccess.LOGINS_SEEN);
        assertSamePartitions(Topics.ACCOUNTS_READY, ServiceKafkaAccess.WEBHOOK_WAIT);
        assertSamePartitions(Topics.ACCOUNTS_READY, ServiceKafkaAccess.ACCOUNTS_SEEN);
        assertSamePartitions(Topics.ACCOUNTS_READY, ServiceKafkaAccess.SNAPSHOTS);
        topicsByName.keySet().stream()
                .filter(n -> n.endsWith(Topics.DLT_SUFFIX))
                .forEach(dlt -> assertSamePartitions(dlt.substring(0, dlt.length() - Topics.DLT_SUFFIX.length()), dlt));
    }

    @Test
    void eachServiceMayReadAndWriteExactlyItsTopics() {
        for (ServiceKafkaAccess service : ServiceKafkaAccess.ALL) {
            Map<String, Set<String>> expected = new TreeMap<>();
            for (String topic : service.topics()) {
                Set<String> ops = new TreeSet<>(Set.of("Describe"));
                if (service.reads().contains(topic)) {
                    ops.add("Read");
                }
                if (service.writes().contains(topic)) {
                    ops.add("Write");
                }
                expected.put(topic, ops);
            }
            Map<String, Set<String>> actual = new TreeMap<>();
            for (KafkaAcl acl : acls(service.user())) {
                if (acl.type().equals("topic")
                        && service.isStreams()
                        && acl.patternType().equals("prefix")) {
                    // Kafka Streams creates and uses its internal topics (store changelogs) under its application id.
                    assertThat(acl.name())
                            .as("%s: its internal topics", service.user())
                            .isEqualTo(service.internalPrefix());
                    assertThat(acl.operations())
                            .as("%s: on its internal topics", service.user())
                            .isEqualTo(Set.of("Create", "Describe", "Read", "Write"));
                } else if (acl.type().equals("topic")) {
                    assertThat(acl.patternType())
                            .as("%s: topic ACLs name one topic", service.user())
                            .isEqualTo("literal");
                    actual.merge(acl.name(), new TreeSet<>(acl.operations()), (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
                }
            }
            assertThat(actual).as("%s's topic ACLs", service.user()).isEqualTo(expected);
            assertThat(acls(service.user()).stream()
                            .filter(a ->
                                    a.type().equals("topic") && a.patternType().equals("prefix")))
                    .as("%s's prefixed topic ACLs", service.user())
                    .hasSize(service.isStreams() ? 1 : 0);
        }
    }

    @Test
    void aStreamsApplicationsInternalTopicPrefixCoversNoDeclaredTopic() {
        // Its changelogs are Kafka Streams' own: none is a KafkaTopic, and its prefix reaches no other topic.
        for (ServiceKafkaAccess service : ServiceKafkaAccess.ALL) {
            if (service.isStreams()) {
                assertThat(topicsByName.keySet())
                        .as("topics under %s", service.internalPrefix())
                        .noneMatch(t -> t.startsWith(service.internalPrefix()));
            }
        }
    }

    @Test
    void noServiceMayTouchAnotherServicesInternalTopics() {
        for (ServiceKafkaAccess service : ServiceKafkaAccess.ALL) {
            for (ServiceKafkaAccess other : ServiceKafkaAccess.ALL) {
                if (other != service) {
                    assertThat(acls(service.user()))
                            .as("%s's ACLs", service.user())
                            .noneMatch(a -> a.type().equals("topic") && a.name().startsWith(other.internalPrefix()))
                            .noneMatch(a -> a.type().equals("topic")
                                    && other.internalPrefix().startsWith(a.name())
                                    && a.patternType().equals("prefix"));
                }
            }
        }
    }

    @Test
    void consumerGroupsAndTransactionsAreAllowedAndNothingElse() {
        assertGroupsAndTransactions(ServiceKafkaAccess.INGEST, Set.of());
        assertGroupsAndTransactions(ServiceKafkaAccess.POLLER, groups(poller));
        assertGroupsAndTransactions(ServiceKafkaAccess.ATTRIBUTES, groups(attributes));
        // A Kafka Streams application's consumer group is its application id.
        assertGroupsAndTransactions(
                ServiceKafkaAccess.ACCOUNTS_STREAMS,
                Set.of(accountsStreams.setting("spring.kafka.streams.application-id")));
    }

    @Test
    void transactionalIdsStartWithThePodName() {
        // pipeline.kafka.transaction-id-prefix, a setting both services bind.
        assertThat(poller.keys()).contains("pipeline.kafka.transaction-id-prefix");
        assertThat(attributes.keys()).contains("pipeline.kafka.transaction-id-prefix");
        assertTransactionalIdFromPodName("poller-service", "PIPELINE_KAFKA_TRANSACTIONIDPREFIX");
        assertTransactionalIdFromPodName("attributes-service", "PIPELINE_KAFKA_TRANSACTIONIDPREFIX");
    }

    /**
     * A variable no setting binds is a silent misconfiguration: each one a Spring service's Deployment sets (its
     * own and the ConfigMap's) is the canonical relaxed-binding name (Spring's: upper case, dots to underscores,
     * dashes removed) of a setting of its records or application.yml, of one of Spring Boot's own settings the
     * deploy files use, or an entry of a Kafka properties map. ingest-service's names (KAFKA_*, INGEST_*) are
     * Quarkus', not checked here.
     */
    @Test
    void everyVariableASpringServiceIsGivenIsOneItBinds() {
        Map<String, ServiceSources> sources =
                Map.of("poller-service", poller, "attributes-service", attributes, "accounts-streams", accountsStreams);
        Set<String> configMap = new TreeSet<>();
        base.named("ConfigMap", "flinks-pipeline-config")
                .path("data")
                .fieldNames()
                .forEachRemaining(configMap::add);
        Set<String> boundByASpringService = new TreeSet<>();
        sources.forEach((deployment, service) -> {
            Set<String> bound = new TreeSet<>();
            service.keys().forEach(k -> bound.add(environmentName(k)));
            SPRING_BOOT_SETTINGS.forEach(k -> bound.add(environmentName(k)));
            JsonNode container = base.named("Deployment", deployment)
                    .path("spec")
                    .path("template")
                    .path("spec")
                    .path("containers")
                    .get(0);
            for (JsonNode e : container.path("env")) {
                String name = e.path("name").asText();
                if (!name.equals("POD_NAME") && !isKafkaPropertiesEntry(name)) {
                    assertThat(bound)
                            .as("%s: %s binds a setting", deployment, name)
                            .contains(name);
                }
            }
            configMap.stream().filter(bound::contains).forEach(boundByASpringService::add);
        });
        for (String name : configMap) {
            if (!name.startsWith("INGEST_") && !name.startsWith("KAFKA_")) {
                assertThat(boundByASpringService)
                        .as("ConfigMap %s binds a setting of a Spring service", name)
                        .contains(name);
            }
        }
    }

    /** Spring Boot's own settings the Deployments set. */
    private static final List<String> SPRING_BOOT_SETTINGS = List.of(
            "server.address",
            "server.port",
            "spring.kafka.bootstrap-servers",
            "spring.kafka.security.protocol",
            "spring.kafka.ssl.trust-store-type",
            "spring.kafka.ssl.trust-store-location",
            "spring.kafka.streams.state-dir");

    private static String environmentName(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static boolean isKafkaPropertiesEntry(String name) {
        return name.startsWith("SPRING_KAFKA_PROPERTIES_") || name.startsWith("SPRING_KAFKA_STREAMS_PROPERTIES_");
    }

    @Test
    void accountsStreamsRunsAsStaticMembersWithItsStateOnAnEmptyDir() {
        JsonNode pod = base.named("Deployment", "accounts-streams")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode container = pod.path("containers").get(0);
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        // Each variable binds its setting (everyVariableASpringServiceIsGivenIsOneItBinds).
        assertThat(accountsStreams.keys())
                .contains(
                        "accounts-streams.instance-id",
                        "accounts-streams.topics.create",
                        "spring.kafka.streams.state-dir",
                        "server.port");

        assertThat(env.get("POD_NAME")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");
        assertThat(env.get("ACCOUNTSSTREAMS_INSTANCEID").path("value").asText()).isEqualTo("$(POD_NAME)");
        // Its principal may not create the output topics: they are KafkaTopics.
        assertThat(env.get("ACCOUNTSSTREAMS_TOPICS_CREATE").path("value").asText())
                .isEqualTo("false");

        String stateDir = env.get("SPRING_KAFKA_STREAMS_STATEDIR").path("value").asText();
        JsonNode mount = null;
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(stateDir)) {
                mount = m;
            }
        }
        assertThat(mount).as("a volume mounted at the state dir %s", stateDir).isNotNull();
        String volume = mount.path("name").asText();
        assertThat(pod.path("volumes"))
                .as("volume %s", volume)
                .anyMatch(v -> v.path("name").asText().equals(volume) && v.has("emptyDir"));

        String port = env.get("SERVER_PORT").path("value").asText();
        assertThat(container.path("ports").get(0).path("containerPort").asText())
                .isEqualTo(port);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/liveness");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/actuator/health/readiness");
        assertThat(base.named("Service", "accounts-streams")
                        .path("spec")
                        .path("ports")
                        .get(0)
                        .path("port")
                        .asText())
                .isEqualTo(port);
        // One instance at a time during a drain: the group rebalances instead of stopping.
        assertThat(base.named("PodDisruptionBudget", "accounts-streams")
                        .path("spec")
                        .path("maxUnavailable")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void autoscalingWatchesTheLagOfAServiceListener() {
        Map<String, ServiceSources> sources = Map.of("poller-service", poller, "attributes-service", attributes);
        List<KafkaAcl> kedaAcls = acls("keda-lag");
        for (JsonNode scaled : base.ofKind("ScaledObject")) {
            String target =
                    scaled.path("spec").path("scaleTargetRef").path("name").asText();
            assertThat(sources).as("ScaledObject target").containsKey(target);
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                String group = trigger.path("metadata").path("consumerGroup").asText();
                String topic = trigger.path("metadata").path("topic").asText();
                assertThat(sources.get(target).listeners())
                        .as("%s's listeners", target)
                        .anyMatch(l -> l.group().equals(group) && l.topics().contains(topic));
                assertThat(kedaAcls).anyMatch(a -> a.type().equals("group") && a.covers(group));
                assertThat(kedaAcls).anyMatch(a -> a.type().equals("topic") && a.covers(topic));
            }
        }
        assertThat(kedaAcls).allMatch(a -> a.operations().equals(Set.of("Describe")), "describe only");
    }

    private static void assertListenersCovered(ServiceKafkaAccess service, ServiceSources sources) {
        assertThat(sources.listeners()).as("%s's listeners", service.user()).isNotEmpty();
        for (ServiceSources.Listener listener : sources.listeners()) {
            assertThat(service.reads()).as("%s reads", service.user()).containsAll(listener.topics());
            // A record it cannot process goes to <topic>.DLT.
            assertThat(service.writes())
                    .as("%s writes", service.user())
                    .containsAll(listener.topics().stream().map(Topics::dlt).toList());
        }
    }

    private static void assertGroupsAndTransactions(ServiceKafkaAccess service, Set<String> groups) {
        List<KafkaAcl> acls = acls(service.user());
        List<KafkaAcl> groupAcls =
                acls.stream().filter(a -> a.type().equals("group")).toList();
        for (String group : groups) {
            assertThat(groupAcls)
                    .as("%s group %s", service.user(), group)
                    .anyMatch(a -> a.covers(group) && a.operations().contains("Read"));
        }
        for (KafkaAcl acl : groupAcls) {
            assertThat(groups)
                    .as("%s: group ACL %s matches a group it uses", service.user(), acl.name())
                    .anyMatch(acl::covers);
        }
        List<KafkaAcl> transactional =
                acls.stream().filter(a -> a.type().equals("transactionalId")).toList();
        if (service.transactional()) {
            assertThat(transactional).singleElement().satisfies(a -> {
                assertThat(a.patternType()).isEqualTo("prefix");
                assertThat(a.name()).isEqualTo(service.transactionalIdPrefix());
                assertThat(a.operations()).contains("Write", "Describe");
            });
        } else {
            assertThat(transactional).as("%s transactional ids", service.user()).isEmpty();
        }
        assertThat(acls)
                .as("%s: only topic, group and transactionalId ACLs", service.user())
                .allMatch(a -> Set.of("topic", "group", "transactionalId").contains(a.type()));
    }

    private static void assertTransactionalIdFromPodName(String deployment, String variable) {
        JsonNode container = base.named("Deployment", deployment)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("POD_NAME")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");
        assertThat(env.get(variable).path("value").asText()).isEqualTo("$(POD_NAME)-");
        // Pods of a Deployment are named <deployment>-<hash>-<id>: inside the ACL's prefix.
        assertThat(acls(deployment))
                .anyMatch(a -> a.type().equals("transactionalId") && a.covers(deployment + "-5d9f7c8b4-x2x7q" + "-"));
    }

    private static Set<String> groups(ServiceSources sources) {
        return sources.listeners().stream()
                .map(ServiceSources.Listener::group)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<KafkaAcl> acls(String user) {
        return KafkaAcl.of(base.named("KafkaUser", user));
    }

    private static String config(String topic, String key) {
        JsonNode t = topicsByName.get(topic);
        assertThat(t).as("KafkaTopic %s", topic).isNotNull();
        return t.path("spec").path("config").path(key).asText(null);
    }

    private static void assertSamePartitions(String a, String b) {
        assertThat(topicsByName.get(b).path("spec").path("partitions").asInt())
                .as("%s partitions as %s", b, a)
                .isEqualTo(topicsByName.get(a).path("spec").path("partitions").asInt());
    }

    private static Set<String> withoutDlts(Set<String> topics) {
        return topics.stream()
                .filter(t -> !t.endsWith(Topics.DLT_SUFFIX))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A duration setting as the services write them ({@code 7d}, {@code 30m}, {@code 24h}), in milliseconds. */
    private static String millis(String duration) {
        long n = Long.parseLong(duration.substring(0, duration.length() - 1));
        Duration d = switch (duration.charAt(duration.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            case 's' -> Duration.ofSeconds(n);
            default -> throw new IllegalArgumentException("unknown duration " + duration);
        };
        return Long.toString(d.toMillis());
    }
}
