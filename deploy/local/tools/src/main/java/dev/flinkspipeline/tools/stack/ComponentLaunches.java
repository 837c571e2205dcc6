package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command line and environment of each Java component. Every service is configured only through its
 * documented environment variables, exactly as a user would run it: nothing here reaches into a service.
 */
final class ComponentLaunches {

    /** Path of the webhook receiver on ingest. */
    static final String WEBHOOK_PATH = "/webhooks/flinks";

    record Launch(List<String> command, Map<String, String> env, String healthUrl) {}

    private final StackConfig config;
    private final ServiceJars jars;
    private final InstancePorts ports;

    ComponentLaunches(StackConfig config, ServiceJars jars, InstancePorts ports) {
        this.config = config;
        this.jars = jars;
        this.ports = ports;
    }

    Launch of(Instance instance, Map<String, String> jvmProperties) {
        Component component = instance.component();
        int number = instance.number();
        if (component == Component.REGISTRY) {
            return registry(jvmProperties);
        }
        Path artifact = jars.runnableJar(component)
                .orElseThrow(() -> new StackException(component.label() + ": no runnable jar under "
                        + component.moduleDir() + "/target: run ./mvnw -q -DskipTests package"));
        boolean aot = config.aotCache() && AotCache.supported();
        Path jar = aot && ExtractedJar.isSpringBootJar(artifact)
                ? ExtractedJar.of(artifact, buildCacheDir(component))
                : snapshot(instance, artifact);
        Map<String, String> env = new LinkedHashMap<>();
        String health;
        switch (component) {
            case SANDBOX -> {
                env.put("SANDBOX_HOST", config.host());
                env.put("SANDBOX_PORT", Integer.toString(config.ports().sandbox()));
                env.put("SANDBOX_CUSTOMER_ID", LocalSecrets.FLINKS_CUSTOMER_ID);
                env.put("SANDBOX_SECRET_KEY", LocalSecrets.FLINKS_SECRET_KEY);
                env.put("SANDBOX_API_KEY", LocalSecrets.FLINKS_API_KEY);
                env.put("SANDBOX_WEBHOOK_URL", url(Component.INGEST) + WEBHOOK_PATH);
                env.put("SANDBOX_WEBHOOK_SECRET", LocalSecrets.WEBHOOK_SECRET);
                if (config.clocks() == StackConfig.Clocks.FAST) {
                    env.put("SANDBOX_PENDING_POLLS", "2");
                    env.put("SANDBOX_WEBHOOK_RETRY_DELAY", "2s");
                    // Longer than ingest's wait for Kafka, so that a broker outage is answered 503, not timed out.
                    env.put("SANDBOX_WEBHOOK_TIMEOUT", "10s");
                }
                health = url(Component.SANDBOX) + "/sandbox/health";
            }
            case INGEST -> {
                env.put("QUARKUS_HTTP_HOST", config.host());
                env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.of(instance)));
                env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
                env.put("KAFKA_SCHEMA_REGISTRY_URL", registryUrl());
                // Nothing registers the schemas ahead of the services here: each registers its own on first use.
                env.put("KAFKA_AUTO_REGISTER_SCHEMAS", "true");
                env.put("INGEST_FLINKS_BASE_URL", url(Component.SANDBOX));
                env.put("INGEST_FLINKS_CUSTOMER_ID", LocalSecrets.FLINKS_CUSTOMER_ID);
                env.put("INGEST_FLINKS_SECRET_KEY", LocalSecrets.FLINKS_SECRET_KEY);
                env.put("INGEST_FLINKS_API_KEY", LocalSecrets.FLINKS_API_KEY);
                env.put("INGEST_CONNECT_API_KEYS", LocalSecrets.APP_API_KEY);
                env.put("INGEST_CONNECT_IFRAME_URL", url(Component.SANDBOX) + "/v2/");
                // Connect sends the browser back to the instance that made its session (any would do: the
                // binding of a session's tag is shared through Kafka).
                env.put("INGEST_CONNECT_CALLBACK_URL", url(instance) + "/connect/callback");
                env.put("INGEST_TAG_SECRETS", LocalSecrets.TAG_SECRET);
                env.put("INGEST_WEBHOOK_SECRETS", LocalSecrets.WEBHOOK_SECRET);
                if (config.clocks() == StackConfig.Clocks.FAST) {
                    env.put("INGEST_WEBHOOK_ACK_TIMEOUT", "3s");
                    env.put("INGEST_WEBHOOK_RETRY_AFTER", "2s");
                    // A browser repeating the store of its login after an outage comes back within seconds.
                    env.put("INGEST_CONNECT_STORE_RETRY_INITIAL_DELAY", "500ms");
                    env.put("INGEST_CONNECT_STORE_RETRY_MAX_DELAY", "5s");
                }
                health = url(instance) + "/q/health/ready";
            }
            case POLLER -> {
                springService(env, instance);
                env.put("PIPELINE_KAFKA_TRANSACTIONIDPREFIX", transactionIdPrefix(instance));
                env.put("POLLER_ACCOUNTS_DAYSOFTRANSACTIONS", "Days90");
                env.put("PIPELINE_JOB_TOPICS_PARTITIONS", Integer.toString(config.partitions()));
                if (config.clocks() == StackConfig.Clocks.FAST) {
                    env.put("POLLER_POLLINTERVAL", "1s");
                    env.put("POLLER_RETRY_INITIALBACKOFF", "200ms");
                    env.put("POLLER_RETRY_MAXBACKOFF", "2s");
                    // Webhooks are retried every 2 s here: a webhook-flow login missing its webhook this long
                    // gets the fallback fetch.
                    env.put("POLLER_WEBHOOKFALLBACK_GRACE", "30s");
                    env.put("FLINKS_ACCOUNTSDETAILTIMEOUT", "20s");
                }
                health = url(instance) + "/actuator/health/readiness";
            }
            case ATTRIBUTES -> {
                springService(env, instance);
                env.put("PIPELINE_KAFKA_TRANSACTIONIDPREFIX", transactionIdPrefix(instance));
                env.put("ATTRIBUTES_ATTRIBUTESET", "UserAnalysis");
                env.put("PIPELINE_JOB_TOPICS_PARTITIONS", Integer.toString(config.partitions()));
                if (config.clocks() == StackConfig.Clocks.FAST) {
                    env.put("ATTRIBUTES_RETRY_PENDINGINTERVAL", "1s");
                    env.put("ATTRIBUTES_RETRY_INITIALDELAY", "200ms");
                    env.put("ATTRIBUTES_RETRY_MAXDELAY", "2s");
                }
                health = url(instance) + "/actuator/health/readiness";
            }
            case STREAMS -> {
                springKafka(env, instance);
                // Under the stack's state folder, wiped with the broker's data unless --keep-data; one per instance
                // (Kafka Streams locks it, and keeps there the process id its transactional ids are named after).
                env.put(
                        "SPRING_KAFKA_STREAMS_STATEDIR",
                        config.streamsStateDir(number).toString());
                // Static membership: a restarted instance takes its partitions back at once instead of after the
                // group's session timeout. Unique among instances, stable across restarts of one.
                env.put("ACCOUNTSSTREAMS_INSTANCEID", "accounts-streams-local-" + number);
                env.put("ACCOUNTSSTREAMS_TOPICS_PARTITIONS", Integer.toString(config.partitions()));
                health = url(instance) + "/actuator/health/readiness";
            }
            default -> throw new IllegalArgumentException(component + " is not a Java service");
        }
        env.putAll(config.extraEnv(component));
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.add(
                component == Component.POLLER || component == Component.ATTRIBUTES || component == Component.STREAMS
                        ? "-Xmx384m"
                        : "-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add(JavaCommand.NATIVE_ACCESS);
        command.add("-Djava.awt.headless=true");
        // The jar and the dependencies beside it: an unpacked Spring Boot jar's lib/, or ingest's quarkus-app/lib.
        command.addAll(aotOptions(instance, List.of(jar, jar.resolveSibling("lib"))));
        jvmProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        return new Launch(command, env, health);
    }

    /**
     * Apicurio Registry runs in place: nothing in the project rebuilds it while the stack runs, and a copy of its
     * 150 MB at every start would be wasted.
     */
    private Launch registry(Map<String, String> jvmProperties) {
        Path jar = jars.runnableJar(Component.REGISTRY)
                .orElseThrow(() -> new StackException("registry: Apicurio "
                        + "Registry is not unpacked under " + Component.REGISTRY.moduleDir() + "/target: run ./mvnw -q "
                        + "-DskipTests package"));
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        // C1 only: the services resolve each schema once and cache its id, so the registry's code never gets hot,
        // while C2 compiling its start-up took about a third of its start's CPU on 2 shared cores (docs/benchmarks.md).
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(aotOptions(Instance.first(Component.REGISTRY), List.of(jar, jar.resolveSibling("lib"))));
        jvmProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ApicurioRegistry.properties(
                        config.host(), config.ports().registry(), config.ports().registryManagement(), bootstrap())
                .forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        String health =
                "http://" + config.host() + ":" + config.ports().registryManagement() + ApicurioRegistry.HEALTH_PATH;
        return new Launch(command, Map.copyOf(config.extraEnv(Component.REGISTRY)), health);
    }

    /**
     * The AOT cache options of {@code instance} whose classpath is the files under {@code classpath}: none when
     * the cache is off or the JDK has none; the first instance of a component trains it, the others only read
     * it once it exists.
     */
    List<String> aotOptions(Instance instance, List<Path> classpath) {
        if (!config.aotCache() || !AotCache.supported()) {
            return List.of();
        }
        Component component = instance.component();
        return AotCache.of(buildCacheDir(component), component.label(), classpath)
                .jvmOptions(instance.number() == 1);
    }

    /** What the stack derives from a module's build (unpacked jars, AOT caches): gone with {@code mvn clean}. */
    private Path buildCacheDir(Component component) {
        return config.projectDir()
                .resolve(component.moduleDir())
                .resolve("target")
                .resolve("local-stack");
    }

    /**
     * Runs a copy of the artifact, under the state folder: rebuilding a module (./mvnw package) while the
     * stack runs rewrites its jar in place, which would break the running JVM's class loading.
     */
    private Path snapshot(Instance instance, Path artifact) {
        Component component = instance.component();
        // One copy per instance: a restarted instance replaces its own copy, never one a sibling runs from.
        Path target = config.stateDir().resolve("apps").resolve(instance.label());
        try {
            deleteTree(target);
            if (component == Component.INGEST) {
                Path app = artifact.getParent(); // quarkus-app: quarkus-run.jar plus its lib/, app/, quarkus/
                try (Stream<Path> files = Files.walk(app)) {
                    for (Path file : files.toList()) {
                        Path copy = target.resolve(app.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            // Times set by content: the AOT cache stays valid across restarts and unchanged builds.
                            ContentStamp.copy(file, copy);
                        }
                    }
                }
                return target.resolve(artifact.getFileName().toString());
            }
            Files.createDirectories(target);
            Path copy = target.resolve(artifact.getFileName().toString());
            ContentStamp.copy(artifact, copy);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + artifact + " to " + target, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** What the poller and attributes read: {@link #springKafka} and Flinks (the sandbox). */
    private void springService(Map<String, String> env, Instance instance) {
        springKafka(env, instance);
        env.put("FLINKS_BASEURL", url(Component.SANDBOX));
        env.put("FLINKS_CUSTOMERID", LocalSecrets.FLINKS_CUSTOMER_ID);
        env.put("FLINKS_SECRETKEY", LocalSecrets.FLINKS_SECRET_KEY);
        env.put("FLINKS_APIKEY", LocalSecrets.FLINKS_API_KEY);
    }

    /**
     * What every Spring Boot service reads (accounts-streams too): HTTP address, Kafka, registry, and schemas
     * registered on first use, as ingest's.
     */
    private void springKafka(Map<String, String> env, Instance instance) {
        env.put("SERVER_ADDRESS", config.host());
        // Actuator (health, prometheus) answers on the same port: no management port of its own.
        env.put("SERVER_PORT", Integer.toString(ports.of(instance)));
        env.put("SPRING_KAFKA_BOOTSTRAPSERVERS", bootstrap());
        env.put("PIPELINE_KAFKA_SCHEMAREGISTRYURL", registryUrl());
        env.put("PIPELINE_KAFKA_AUTOREGISTERSCHEMAS", "true");
    }

    /** The registry as clients address it: its Confluent-compatible API. */
    private String registryUrl() {
        return url(Component.REGISTRY) + ApicurioRegistry.CCOMPAT_PATH;
    }

    private String bootstrap() {
        return config.host() + ":" + config.ports().kafka();
    }

    private String url(Component component) {
        return url(Instance.first(component));
    }

    private String url(Instance instance) {
        return "http://" + config.host() + ":" + ports.of(instance);
    }

    /**
     * {@code pipeline.kafka.transaction-id-prefix} of a poller or attributes instance, e.g. {@code
     * poller-local-2-}. spring-kafka names a producer's transactional id prefix + a counter from 0, the same in
     * every process: two instances sharing a prefix would fence each other's producers. Stable across restarts
     * of an instance, so that a restarted instance fences its killed predecessor's open transaction at once
     * instead of leaving readers waiting for the transaction timeout.
     */
    static String transactionIdPrefix(Instance instance) {
        return instance.component().label() + "-local-" + instance.number() + "-";
    }
}
