package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole pipeline on one machine, each part its own process: Kafka (KRaft), Apicurio Registry (KafkaSQL),
 * the Flinks sandbox, ingest, poller, attributes and accounts-streams. Starts them in order, each only once the previous one
 * is healthy; stops them in reverse order. Used by {@code deploy/local/run} and by the end-to-end tests,
 * which also stop, kill and restart single components to inject faults.
 */
public final class LocalStack implements AutoCloseable {

    /** System property set on every child JVM: identifies our processes in a later run's clean-up. */
    public static final String MARKER_PROPERTY = "flinkspipeline.stack";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackConfig config;
    private final Consumer<String> out;
    private final ServiceJars jars;
    private final ComponentLaunches launches;
    private final KafkaBrokerSetup kafka;
    private final Map<Component, ManagedProcess> running = Collections.synchronizedMap(new EnumMap<>(Component.class));
    private final Set<Component> skipped = EnumSet.noneOf(Component.class);
    private final Thread shutdownHook;

    private LocalStack(StackConfig config, Consumer<String> out) {
        this.config = config;
        this.out = out;
        this.jars = new ServiceJars(config.projectDir());
        this.kafka = new KafkaBrokerSetup(config);
        this.launches = new ComponentLaunches(config, jars);
        this.shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
    }

    /**
     * Starts every configured component that exists in the project. On any failure, stops what it started
     * and throws a {@link StackException} saying why (with the end of the failing component's log).
     */
    public static LocalStack start(StackConfig config, Consumer<String> out) {
        LocalStack stack = new LocalStack(config, out);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.stopLeftovers();
            stack.prepareStateDir();
            for (Component component : Component.values()) {
                if (config.components().contains(component)) {
                    if (!stack.jars.isRunnable(component)) {
                        stack.skipped.add(component);
                        out.accept(String.format(
                                "  %-10s skipped: %s has no runnable jar yet (not written yet, or "
                                        + "not packaged: ./mvnw -DskipTests package)",
                                component.label(), component.moduleDir()));
                        continue;
                    }
                    stack.start(component);
                }
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public StackConfig config() {
        return config;
    }

    /** Starts (or restarts after {@link #stop}/{@link #kill}) one component on its port, and waits until healthy. */
    public void start(Component component) {
        if (running.containsKey(component) && running.get(component).isAlive()) {
            throw new IllegalStateException(component.label() + " is already running");
        }
        long started = System.nanoTime();
        int port = config.ports().of(component);
        if (component == Component.REGISTRY
                && !StackPorts.isFree(config.host(), config.ports().registryManagement())) {
            throw new StackException("registry: management port " + config.host() + ":"
                    + config.ports().registryManagement() + " is in use; stop what uses it or choose other ports");
        }
        if (!StackPorts.isFree(config.host(), port)) {
            throw new StackException(component.label() + ": port " + config.host() + ":" + port + " is in use "
                    + "(another local stack, or another program); stop it or choose other ports");
        }
        Map<String, String> marker = Map.of(MARKER_PROPERTY, config.stateDir().toString());
        Path log = config.logsDir().resolve(component.label() + ".log");
        Path pid = config.pidsDir().resolve(component.label() + ".pid");
        ManagedProcess process;
        if (component == Component.KAFKA) {
            if (!kafka.isBuilt()) {
                throw new StackException(kafka.missingMessage());
            }
            if (!StackPorts.isFree(config.host(), config.ports().controller())) {
                throw new StackException(
                        "kafka: controller port " + config.ports().controller() + " is in use");
            }
            kafka.prepare(marker);
            process = ManagedProcess.start(
                    component.label(), kafka.brokerCommand(marker), Map.of(), config.kafkaDir(), log, pid);
            running.put(component, process);
            HealthChecks.await(
                    process,
                    "answering on " + kafka.bootstrapServers(),
                    () -> HealthChecks.kafkaUp(kafka.bootstrapServers()),
                    config.startTimeout());
            createTopics();
        } else {
            ComponentLaunches.Launch launch = launches.of(component, marker);
            process = ManagedProcess.start(
                    component.label(), launch.command(), launch.env(), config.projectDir(), log, pid);
            running.put(component, process);
            HealthChecks.await(
                    process,
                    "healthy at " + launch.healthUrl(),
                    () -> HealthChecks.httpOk(launch.healthUrl()),
                    config.startTimeout());
        }
        out.accept(String.format(
                "  %-10s up in %4.1f s  %-38s pid %-7d log %s",
                component.label(),
                (System.nanoTime() - started) / 1e9,
                where(component),
                process.pid(),
                config.projectDir().relativize(log)));
    }

    /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
    public void stop(Component component) {
        ManagedProcess process = running.remove(component);
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** SIGKILL: the component gets no chance to commit, flush or close anything. */
    public void kill(Component component) {
        ManagedProcess process = running.remove(component);
        if (process != null) {
            process.kill();
        }
    }

    public boolean isRunning(Component component) {
        ManagedProcess process = running.get(component);
        return process != null && process.isAlive();
    }

    /** Components of the configuration that have no runnable artifact, so they were not started. */
    public Set<Component> skipped() {
        return Collections.unmodifiableSet(skipped);
    }

    /** Components that died on their own since they were started. */
    public List<ManagedProcess> crashed() {
        synchronized (running) {
            return running.values().stream().filter(p -> !p.isAlive()).toList();
        }
    }

    public Optional<ManagedProcess> process(Component component) {
        return Optional.ofNullable(running.get(component));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String url(Component component) {
        return "http://" + config.host() + ":" + config.ports().of(component);
    }

    /** The registry's Confluent-compatible API, the base URL for the serde ({@code schema.registry.url}). */
    public String registryUrl() {
        return url(Component.REGISTRY) + ApicurioRegistry.CCOMPAT_PATH;
    }

    public String sandboxUrl() {
        return url(Component.SANDBOX);
    }

    public String ingestUrl() {
        return url(Component.INGEST);
    }

    public Path logFile(Component component) {
        return config.logsDir().resolve(component.label() + ".log");
    }

    /** Where {@code component} listens, for people. */
    public String where(Component component) {
        return switch (component) {
            case KAFKA -> "kafka " + bootstrapServers();
            case REGISTRY -> registryUrl();
            default -> url(component);
        };
    }

    /** Stops every component, in reverse start order. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook is this very call
        }
    }

    private void stopAll() {
        List<Component> order = new ArrayList<>(List.of(Component.values()));
        Collections.reverse(order);
        for (Component component : order) {
            ManagedProcess process = running.remove(component);
            if (process != null) {
                process.stop(STOP_GRACE);
            }
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            LocalTopics.apply(admin, LocalTopics.localStack(config.partitions()));
        }
    }

    private void prepareStateDir() {
        try {
            if (config.wipe()) {
                deleteTree(config.kafkaDir());
                deleteTree(config.streamsStateDir());
                deleteTree(config.logsDir());
            }
            Files.createDirectories(config.logsDir());
            Files.createDirectories(config.pidsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + config.stateDir(), e);
        }
    }

    /**
     * A launcher that was itself SIGKILLed leaves its children running. Their pid files remain; a pid is only
     * acted on when the live process carries our marker for this very state folder (pids get reused).
     */
    private void stopLeftovers() {
        Path pids = config.pidsDir();
        if (!Files.isDirectory(pids)) {
            return;
        }
        String marker = "-D" + MARKER_PROPERTY + "=" + config.stateDir();
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.toList()) {
                try {
                    long pid = Long.parseLong(Files.readString(file).trim());
                    ProcessHandle.of(pid)
                            .filter(h -> h.info()
                                    .commandLine()
                                    .map(c -> c.contains(marker))
                                    .orElse(false))
                            .ifPresent(h -> {
                                out.accept("  stopping " + file.getFileName() + " (pid " + pid
                                        + ") left by an earlier run");
                                h.destroy();
                                try {
                                    h.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                                } catch (Exception e) {
                                    h.destroyForcibly();
                                }
                            });
                } catch (NumberFormatException | IOException ignored) {
                    // unreadable pid file: nothing we can safely act on
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
