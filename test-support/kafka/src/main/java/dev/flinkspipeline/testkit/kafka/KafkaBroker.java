package dev.flinkspipeline.testkit.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka (one combined broker+controller process, in this JVM), built on Kafka's own
 * {@link KafkaClusterTestKit}.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static final KafkaBroker kafka = new KafkaBroker();}
 * starts the broker before the first test of the class and closes it after the last one (nested classes share
 * the outer class's broker). Without JUnit: {@code start()} … {@code close()}.
 *
 * <p>{@link #stop()} takes the broker role down (clients get connection refused, the controller keeps running)
 * and a later {@link #start()} brings it back on the same listener port with the same log data, so that tests
 * can simulate a broker outage. The data lives under {@code target/} of the module whose tests run, and is
 * deleted on {@link #close()}.
 *
 * <p>{@link #withSaslSsl()} makes it a secured broker as in production: its client listener is SASL_SSL with
 * SCRAM-SHA-512 (a certificate made at start), and every request needs an ACL. {@link #addUser(String)} creates a
 * principal, {@link #createAcls(Collection)} grants it rights, {@link #clientProperties(String)} connects as it;
 * {@link #clientProperties()} connects as the super user.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Large enough for a full GetAccountsDetail payload with years of transactions. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private KafkaClusterTestKit cluster;
    private String bootstrapServers;
    private Path dataDirectory;
    private boolean brokerRunning;
    private final ClassScope scope = new ClassScope();
    private boolean saslSsl;
    private TlsFiles tls;
    private final Map<String, String> passwords = new HashMap<>();

    public KafkaBroker() {
        // Single node: every internal topic must accept replication factor 1 / min ISR 1, or consumer groups
        // and transactions never become available.
        brokerProperties.put("offsets.topic.replication.factor", "1");
        brokerProperties.put("offsets.topic.num.partitions", "5");
        brokerProperties.put("transaction.state.log.replication.factor", "1");
        brokerProperties.put("transaction.state.log.min.isr", "1");
        brokerProperties.put("transaction.state.log.num.partitions", "5");
        brokerProperties.put("share.coordinator.state.topic.replication.factor", "1");
        brokerProperties.put("share.coordinator.state.topic.min.isr", "1");
        brokerProperties.put("group.initial.rebalance.delay.ms", "0");
        brokerProperties.put("auto.create.topics.enable", "true");
        brokerProperties.put("num.partitions", "1");
        brokerProperties.put("default.replication.factor", "1");
        brokerProperties.put("min.insync.replicas", "1");
        // A restarted broker may only re-register once the controller has expired its previous session; the
        // default 9 s session makes every simulated outage last that long.
        brokerProperties.put("broker.heartbeat.interval.ms", "250");
        brokerProperties.put("broker.session.timeout.ms", "1500");
        // The coordinator aborts the open transaction of a dead producer once its timeout passed, looking every 10 s
        // by default: a test that kills an instance would wait up to 10 s beyond the timeout it set.
        brokerProperties.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        brokerProperties.put("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        brokerProperties.put("replica.fetch.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    }

    /** Overrides or adds a broker setting; only effective before the first {@link #start()}. */
    public KafkaBroker withBrokerProperty(String key, String value) {
        if (cluster != null) {
            throw new IllegalStateException("broker already started; set properties before start()");
        }
        brokerProperties.put(key, value);
        return this;
    }

    /**
     * Makes the client listener SASL_SSL (SCRAM-SHA-512) with ACLs enforced ({@code StandardAuthorizer},
     * {@code allow.everyone.if.no.acl.found=false}) and topic auto-creation off. Only before the first start.
     */
    public KafkaBroker withSaslSsl() {
        if (cluster != null) {
            throw new IllegalStateException("broker already started; secure it before start()");
        }
        saslSsl = true;
        return this;
    }

    /** Whether the client listener is SASL_SSL with ACLs. */
    public boolean isSaslSsl() {
        return saslSsl;
    }

    /** The secured broker's certificate stores: clients trust {@link TlsFiles#truststore()}. */
    public synchronized TlsFiles tls() {
        requireSecured();
        return tls;
    }

    /**
     * Creates a SCRAM-SHA-512 principal {@code user} with a random password (idempotent) and waits until the broker
     * authenticates it. It may do nothing until {@link #createAcls(Collection)} allows it.
     */
    public synchronized void addUser(String user) {
        requireSecured();
        if (passwords.containsKey(user)) {
            return;
        }
        String password = randomSecret();
        try (Admin admin = Admin.create(clientProperties())) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            passwords.put(user, password);
            awaitAuthenticates(user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while adding user " + user, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not add user " + user + ": " + e.getMessage(), e);
        }
    }

    /** Grants these ACLs (as the super user). */
    public void createAcls(Collection<AclBinding> acls) {
        requireSecured();
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createAcls(acls).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating ACLs", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create ACLs: " + e.getMessage(), e);
        }
    }

    /**
     * Client settings to connect as {@code user} (added with {@link #addUser(String)}): bootstrap servers,
     * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config} and the truststore.
     */
    public synchronized Map<String, Object> clientProperties(String user) {
        requireSecured();
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + ": addUser first");
        }
        Map<String, Object> props = new HashMap<>(SaslSslListener.clientProperties(tls, user, password));
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /**
     * Starts the broker, or restarts it after {@link #stop()} on the same port with the same data.
     * Returns once the broker is registered, unfenced and can serve clients. No-op when already running.
     */
    public synchronized KafkaBroker start() {
        try {
            if (cluster == null) {
                startCluster();
            } else if (!brokerRunning) {
                restartBroker();
            }
            return this;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start Kafka: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the broker (not the controller), keeping its port reserved and its data, to simulate an outage.
     * Clients see connection failures until {@link #start()}. No-op when not running.
     */
    public synchronized void stop() {
        if (cluster == null || !brokerRunning) {
            return;
        }
        broker().shutdown();
        brokerRunning = false;
        log.info("Kafka broker stopped (outage), port kept: {}", bootstrapServers);
    }

    /** Whether the broker currently serves clients. */
    public synchronized boolean isRunning() {
        return cluster != null && brokerRunning;
    }

    /** {@code host:port} of the broker listener; stable across {@link #stop()}/{@link #start()}. */
    public synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("Kafka not started: call start() or register the extension");
        }
        return bootstrapServers;
    }

    /**
     * Minimal client settings ({@code bootstrap.servers}) to build producers, consumers and admins from; on a
     * {@linkplain #withSaslSsl() secured} broker, the super user's.
     */
    public Map<String, Object> clientProperties() {
        if (saslSsl) {
            return clientProperties(SaslSslListener.ADMIN);
        }
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Directory holding the broker's metadata and logs (under {@code target/}). */
    public synchronized Path dataDirectory() {
        return dataDirectory;
    }

    /** Creates a topic with replication factor 1; an already existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /**
     * Creates a topic with replication factor 1 and the given topic configs (e.g. {@code cleanup.policy=compact});
     * an already existing topic is left as it is. Waits until the topic's partitions have a leader.
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        try (Admin admin = Admin.create(clientProperties())) {
            try {
                admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            awaitLeaders(admin, name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + ": " + e.getMessage(), e);
        }
    }

    /** Shuts everything down and deletes the data directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (cluster == null) {
            return;
        }
        KafkaClusterTestKit closing = cluster;
        cluster = null;
        brokerRunning = false;
        bootstrapServers = null;
        passwords.clear();
        try {
            closing.close();
        } catch (Exception e) {
            // Shutdown noise (e.g. a fault recorded while the broker was deliberately down) must not fail tests
            // that already passed; it is still visible in the log.
            log.warn("Kafka test cluster reported a problem while closing: {}", e.toString());
        }
        log.info("Kafka stopped and its data deleted");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        scope.enter(context, () -> cluster != null, this::start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.exit(context, this::close);
    }

    private void startCluster() throws Exception {
        dataDirectory = newDataDirectory();
        String adminPassword = null;
        if (saslSsl) {
            adminPassword = randomSecret();
            tls = TlsFiles.generate(TlsFiles.directory(dataDirectory), randomSecret());
            brokerProperties.putAll(SaslSslListener.brokerProperties(tls, adminPassword));
        }
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dataDirectory)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        brokerProperties.forEach(builder::setConfigProp);
        KafkaClusterTestKit built = builder.build();
        try {
            built.format();
            built.startup();
            built.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(built);
            throw e;
        }
        cluster = built;
        brokerRunning = true;
        // Cached: the test kit can only compute it while the broker is bound.
        bootstrapServers = built.bootstrapServers();
        if (saslSsl) {
            createAdmin(adminPassword);
        }
        log.info(
                "Kafka started at {}{} (data in {})",
                bootstrapServers,
                saslSsl ? " (SASL_SSL, SCRAM-SHA-512, ACLs)" : "",
                dataDirectory);
    }

    /** The super user's credential is in the broker's configuration (PLAIN): usable at once. */
    private void createAdmin(String password) throws Exception {
        passwords.put(SaslSslListener.ADMIN, password);
        awaitAuthenticates(SaslSslListener.ADMIN);
    }

    /** A new credential reaches the broker through the metadata log: until then it refuses the user. */
    private void awaitAuthenticates(String user) throws Exception {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            try (Admin admin = Admin.create(clientProperties(user))) {
                admin.describeCluster().clusterId().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SaslAuthenticationException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }

    private void requireSecured() {
        if (!saslSsl) {
            throw new IllegalStateException("not a secured broker: call withSaslSsl() before start()");
        }
        if (cluster == null) {
            throw new IllegalStateException("Kafka not started: call start() or register the extension");
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void restartBroker() throws Exception {
        // The test kit's socket factory rebinds the port the broker had before, so clients reconnect unchanged.
        broker().startup();
        brokerRunning = true;
        cluster.waitForReadyBrokers();
        log.info("Kafka broker restarted at {}", bootstrapServers);
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }

    private static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (true) {
            boolean allLed;
            try {
                allLed = admin
                        .describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic)
                        .partitions()
                        .stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
            } catch (ExecutionException e) {
                // Right after creation the broker may not know the topic yet: that is "not led yet", not a failure.
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                allLed = false;
            }
            if (allLed) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topic + " have no leader after " + ADMIN_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static Path newDataDirectory() throws IOException {
        Path target = Optional.ofNullable(System.getProperty("basedir"))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.dir")))
                .resolve("target");
        Files.createDirectories(target);
        return Files.createTempDirectory(target, "kafka-");
    }

    private static void closeQuietly(KafkaClusterTestKit kit) {
        try {
            kit.close();
        } catch (Exception e) {
            log.warn("Kafka test cluster did not close cleanly after a failed start: {}", e.toString());
        }
    }
}
