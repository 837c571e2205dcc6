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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole pipeline on one machine, each part its own process: Kafka (KRaft), Apicurio Registry (KafkaSQL),
 * the Flinks sandbox, ingest, poller, attributes and accounts-streams. Starts each as soon as what it {@link
 * Component#needs() needs} is healthy (or, with {@link StackConfig#parallelStart()} off, in order, each once the
 * previous one is healthy), with the JDK's AOT cache where there is one; stops them in reverse order. Used by
 * {@code deploy/local/run} and by the end-to-end tests, which also stop, kill and restart single components to
 * inject faults.
 */
public final class LocalStack implements AutoCloseable {

    /** System property set on every child JVM: identifies our processes in a later run's clean-up. */
    public static final String MARKER_PROPERTY = "flinkspipeline.stack";

    /** The JVM option of a training run (see {@link AotCache}). */
    private static final String TRAINING_OPTION = "-XX:AOTCacheOutput=";

    /** The state folders of accounts-streams' instances: streams, streams-2, ... */
    private static final Pattern STREAMS_STATE = Pattern.compile("streams(-\\d+)?");

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** A training run writes its AOT cache after its own shutdown: tens of seconds on a busy machine. */
    private static final Duration TRAINING_STOP_GRACE = Duration.ofSeconds(120);

    private final StackConfig config;
    private final Consumer<String> out;
    private final ServiceJars jars;
    private final InstancePorts ports;
    private final ComponentLaunches launches;
    private final KafkaBrokerSetup kafka;
    private final Map<Instance, ManagedProcess> running = Collections.synchronizedMap(new TreeMap<>());
    private final Set<Component> skipped = EnumSet.noneOf(Component.class);
    private final Set<Instance> training = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;

    private LocalStack(StackConfig config, Consumer<String> out) {
        this.config = config;
        // Parts starting side by side report from their own threads.
        this.out = line -> {
            synchronized (this) {
                out.accept(line);
            }
        };
        this.jars = new ServiceJars(config.projectDir());
        this.ports = new InstancePorts(config.ports());
        this.kafka = new KafkaBrokerSetup(config);
        this.launches = new ComponentLaunches(config, jars, ports);
        this.shutdownHook = new Thread(this::stopAll, "local-stack-shutdown");
    }

    /**
     * Starts every configured component that exists in the project, {@link StackConfig#instances()} of each
     * service. On any failure, stops what it started and throws a {@link StackException} saying why (with the
     * end of the failing component's log).
     */
    public static LocalStack start(StackConfig config, Consumer<String> out) {
        LocalStack stack = new LocalStack(config, out);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            stack.stopLeftovers();
            stack.prepareStateDir();
            List<Component> toStart = new ArrayList<>();
            for (Component component : Component.values()) {
                if (config.components().contains(component)) {
                    if (!stack.jars.isRunnable(component)) {
                        stack.skipped.add(component);
                        out.accept(String.format(
                                "  %-12s skipped: %s has no runnable jar yet (not written yet, or "
                                        + "not packaged: ./mvnw -DskipTests package)",
                                component.label(), component.moduleDir()));
                        continue;
                    }
                    toStart.add(component);
                }
            }
            if (config.parallelStart()) {
                stack.startWhenNeedsAreUp(toStart);
            } else {
                toStart.forEach(component -> stack.start(config.instancesOf(component)));
            }
            stack.reportTraining();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * Starts each component once the components it {@link Component#needs() needs} are healthy, side by side
     * otherwise; fails with the first failure, once no start is under way any more.
     */
    private void startWhenNeedsAreUp(List<Component> toStart) {
        Map<Component, CompletableFuture<Void>> up = new EnumMap<>(Component.class);
        CompletableFuture<Void> failed = new CompletableFuture<>();
        ExecutorService starters = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("start-", 0).factory());
        try {
            for (Component component : toStart) {
                CompletableFuture<?>[] needed = component.needs().stream()
                        .filter(up::containsKey)
                        .map(up::get)
                        .toArray(CompletableFuture[]::new);
                CompletableFuture<Void> started = CompletableFuture.allOf(needed)
                        .thenRunAsync(() -> start(config.instancesOf(component)), starters);
                started.whenComplete((ignored, e) -> {
                    if (e != null) {
                        failed.completeExceptionally(e);
                    }
                });
                up.put(component, started);
            }
            CompletableFuture.anyOf(CompletableFuture.allOf(up.values().toArray(CompletableFuture[]::new)), failed)
                    .join();
        } catch (CompletionException e) {
            Throwable cause = e;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw cause instanceof RuntimeException r ? r : e;
        } finally {
            // The others' waits end at once; every process they launched is in `running`, for close() to stop.
            starters.shutdownNow();
            try {
                starters.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void reportTraining() {
        if (!training.isEmpty()) {
            out.accept("  AOT cache: first start of this build of "
                    + training.stream().map(Instance::label).sorted().toList()
                    + "; each writes its cache when it stops, and later starts read it");
        }
    }

    public StackConfig config() {
        return config;
    }

    /** Starts (or restarts) the first instance of {@code component}: see {@link #start(List)}. */
    public void start(Component component) {
        start(List.of(Instance.first(component)));
    }

    /** Starts (or restarts) one instance: see {@link #start(List)}. */
    public void start(Instance instance) {
        start(List.of(instance));
    }

    /**
     * Starts (or restarts after {@link #stop}/{@link #kill}) instances on their ports, all at once, and waits
     * until each is healthy. A service's instance beyond the configured count may be added this way too.
     */
    public void start(List<Instance> instances) {
        long started = System.nanoTime();
        for (Instance instance : instances) {
            if (isRunning(instance)) {
                throw new IllegalStateException(instance.label() + " is already running");
            }
            if (!StackPorts.isFree(config.host(), ports.of(instance))) {
                throw new StackException(instance.label() + ": port " + config.host() + ":" + ports.of(instance)
                        + " is in use (another local stack, or another program); stop it or choose other ports");
            }
        }
        Map<String, String> marker = Map.of(MARKER_PROPERTY, config.stateDir().toString());
        Map<Instance, Runnable> awaits = new LinkedHashMap<>();
        for (Instance instance : instances) {
            awaits.put(instance, launch(instance, marker));
        }
        // Launched together, awaited one after the other: a second instance starts while the first one does.
        awaits.forEach((instance, await) -> {
            await.run();
            out.accept(String.format(
                    "  %-12s up in %4.1f s  %-38s pid %-7d log %s",
                    instance.label(),
                    (System.nanoTime() - started) / 1e9,
                    where(instance),
                    running.get(instance).pid(),
                    config.projectDir().relativize(logFile(instance))));
        });
    }

    /** Starts the process of {@code instance} and returns what waits until it is healthy. */
    private Runnable launch(Instance instance, Map<String, String> marker) {
        Component component = instance.component();
        Path log = logFile(instance);
        Path pid = config.pidsDir().resolve(instance.label() + ".pid");
        if (component == Component.KAFKA) {
            if (!kafka.isBuilt()) {
                throw new StackException(kafka.missingMessage());
            }
            if (!StackPorts.isFree(config.host(), config.ports().controller())) {
                throw new StackException(
                        "kafka: controller port " + config.ports().controller() + " is in use");
            }
            List<String> aot = launches.aotOptions(instance, List.of(kafka.libDir()));
            // The storage tool reads the broker's cache but never trains it: a cache is the broker's classes.
            kafka.prepare(
                    marker,
                    aot.stream().filter(o -> !o.startsWith(TRAINING_OPTION)).toList());
            List<String> command = kafka.brokerCommand(marker, aot);
            ManagedProcess process =
                    ManagedProcess.start(instance.label(), command, Map.of(), config.kafkaDir(), log, pid);
            noteTraining(instance, command);
            running.put(instance, process);
            return () -> {
                HealthChecks.await(
                        process,
                        "answering on " + kafka.bootstrapServers(),
                        () -> HealthChecks.kafkaUp(kafka.bootstrapServers()),
                        config.startTimeout());
                createTopics();
            };
        }
        if (component == Component.REGISTRY
                && !StackPorts.isFree(config.host(), config.ports().registryManagement())) {
            throw new StackException("registry: management port " + config.host() + ":"
                    + config.ports().registryManagement() + " is in use; stop what uses it or choose other ports");
        }
        ComponentLaunches.Launch launch = launches.of(instance, marker);
        ManagedProcess process =
                ManagedProcess.start(instance.label(), launch.command(), launch.env(), config.projectDir(), log, pid);
        noteTraining(instance, launch.command());
        running.put(instance, process);
        return () -> HealthChecks.await(
                process,
                "healthy at " + launch.healthUrl(),
                () -> HealthChecks.httpOk(launch.healthUrl()),
                config.startTimeout());
    }

    private void noteTraining(Instance instance, List<String> command) {
        if (command.stream().anyMatch(o -> o.startsWith(TRAINING_OPTION))) {
            training.add(instance);
        } else {
            training.remove(instance);
        }
    }

    /** Time to shut down, and to write the AOT cache when this start trains it. */
    private Duration stopGrace(Instance instance) {
        return training.contains(instance) ? TRAINING_STOP_GRACE : STOP_GRACE;
    }

    /** Graceful stop of the first instance of {@code component}. */
    public void stop(Component component) {
        stop(Instance.first(component));
    }

    /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
    public void stop(Instance instance) {
        ManagedProcess process = running.remove(instance);
        if (process != null) {
            process.stop(stopGrace(instance));
        }
    }

    /** SIGKILL of the first instance of {@code component}. */
    public void kill(Component component) {
        kill(Instance.first(component));
    }

    /** SIGKILL: the instance gets no chance to commit, flush or close anything. */
    public void kill(Instance instance) {
        ManagedProcess process = running.remove(instance);
        if (process != null) {
            process.kill();
        }
    }

    /** True when the first instance of {@code component} runs. */
    public boolean isRunning(Component component) {
        return isRunning(Instance.first(component));
    }

    public boolean isRunning(Instance instance) {
        ManagedProcess process = running.get(instance);
        return process != null && process.isAlive();
    }

    /** The live instances of {@code component}, first instance first. */
    public List<Instance> running(Component component) {
        synchronized (running) {
            return running.entrySet().stream()
                    .filter(e ->
                            e.getKey().component() == component && e.getValue().isAlive())
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** Components of the configuration that have no runnable artifact, so they were not started. */
    public Set<Component> skipped() {
        return Collections.unmodifiableSet(skipped);
    }

    /** Instances that died on their own since they were started. */
    public List<ManagedProcess> crashed() {
        synchronized (running) {
            return running.values().stream().filter(p -> !p.isAlive()).toList();
        }
    }

    public Optional<ManagedProcess> process(Component component) {
        return process(Instance.first(component));
    }

    public Optional<ManagedProcess> process(Instance instance) {
        return Optional.ofNullable(running.get(instance));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The base URL of the first instance of {@code component}. */
    public String url(Component component) {
        return url(Instance.first(component));
    }

    public String url(Instance instance) {
        return "http://" + config.host() + ":" + ports.of(instance);
    }

    /** The registry's Confluent-compatible API, the base URL for the serde ({@code schema.registry.url}). */
    public String registryUrl() {
        return url(Component.REGISTRY) + ApicurioRegistry.CCOMPAT_PATH;
    }

    public String sandboxUrl() {
        return url(Component.SANDBOX);
    }

    /** The first ingest instance's base URL. */
    public String ingestUrl() {
        return url(Component.INGEST);
    }

    /** The base URLs of the live ingest instances, first instance first. */
    public List<String> ingestUrls() {
        return running(Component.INGEST).stream().map(this::url).toList();
    }

    public Path logFile(Component component) {
        return logFile(Instance.first(component));
    }

    public Path logFile(Instance instance) {
        return config.logsDir().resolve(instance.label() + ".log");
    }

    /**
     * The prefix of the transactional ids of a poller or attributes instance: unique among the instances,
     * stable across restarts of one.
     */
    public String transactionIdPrefix(Instance instance) {
        return ComponentLaunches.transactionIdPrefix(instance);
    }

    /** Where {@code component}'s first instance listens, for people. */
    public String where(Component component) {
        return where(Instance.first(component));
    }

    /** Where {@code instance} listens, for people. */
    public String where(Instance instance) {
        return switch (instance.component()) {
            case KAFKA -> "kafka " + bootstrapServers();
            case REGISTRY -> registryUrl();
            default -> url(instance);
        };
    }

    /** Stops every instance, in reverse start order; the instances of one service together. */
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
            Map<ManagedProcess, Duration> processes = new LinkedHashMap<>();
            synchronized (running) {
                running.keySet().removeIf(instance -> {
                    if (instance.component() != component) {
                        return false;
                    }
                    processes.put(running.get(instance), stopGrace(instance));
                    return true;
                });
            }
            List<Thread> stopping = processes.entrySet().stream()
                    .map(e -> Thread.ofPlatform()
                            .name("stop-" + e.getKey().name())
                            .start(() -> e.getKey().stop(e.getValue())))
                    .toList();
            for (Thread thread : stopping) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
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
            Files.createDirectories(config.stateDir());
            if (config.wipe()) {
                deleteTree(config.kafkaDir());
                try (Stream<Path> siblings = Files.list(config.stateDir())) {
                    for (Path dir : siblings.toList()) {
                        if (STREAMS_STATE.matcher(dir.getFileName().toString()).matches()) {
                            deleteTree(dir); // every instance's, those of an earlier run with more instances too
                        }
                    }
                }
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
