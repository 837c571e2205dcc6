package dev.flinkspipeline.tools.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to run the local stack: where the project and the state folder are, which ports, which components,
 * and how fast the clocks run. Built with {@link #builder(Path)}.
 */
public final class StackConfig {

    private final Path projectDir;
    private final Path stateDir;
    private final String host;
    private final StackPorts ports;
    private final int partitions;
    private final boolean wipe;
    private final Set<Component> components;
    private final int instances;
    private final Clocks clocks;
    private final Duration startTimeout;
    private final boolean aotCache;
    private final boolean parallelStart;
    private final Map<Component, Map<String, String>> extraEnv;

    private StackConfig(Builder b) {
        this.projectDir = b.projectDir.toAbsolutePath().normalize();
        this.stateDir = (b.stateDir == null ? projectDir.resolve(".local") : b.stateDir)
                .toAbsolutePath()
                .normalize();
        this.host = b.host;
        this.ports = b.ports;
        this.partitions = b.partitions;
        this.wipe = b.wipe;
        this.components = Collections.unmodifiableSet(EnumSet.copyOf(b.components));
        this.instances = b.instances;
        this.clocks = b.clocks;
        this.startTimeout = b.startTimeout;
        this.aotCache = b.aotCache;
        this.parallelStart = b.parallelStart;
        Map<Component, Map<String, String>> env = new EnumMap<>(Component.class);
        b.extraEnv.forEach((c, m) -> env.put(c, Map.copyOf(m)));
        this.extraEnv = Collections.unmodifiableMap(env);
    }

    public static Builder builder(Path projectDir) {
        return new Builder(projectDir);
    }

    public Path projectDir() {
        return projectDir;
    }
    /** Everything a run writes: Kafka data, accounts-streams' stores, logs, pid files. Wiped at start unless {@link #wipe()} is false. */
    public Path stateDir() {
        return stateDir;
    }

    public String host() {
        return host;
    }

    public StackPorts ports() {
        return ports;
    }

    public int partitions() {
        return partitions;
    }

    public boolean wipe() {
        return wipe;
    }

    public Set<Component> components() {
        return components;
    }

    /** How many instances of each {@link Component#scalable() service} start (1 unless {@code --instances N}). */
    public int instances() {
        return instances;
    }

    /** The instances of {@code component} a start runs: 1..{@link #instances()} of a service, else the one. */
    public List<Instance> instancesOf(Component component) {
        int count = component.scalable() ? instances : 1;
        List<Instance> all = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            all.add(new Instance(component, n));
        }
        return all;
    }

    public Clocks clocks() {
        return clocks;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    /**
     * True (the default) to run the Java parts with the JDK's AOT cache where the JDK has one (Java 25+): the
     * first start trains it, later starts read it. See {@link AotCache}.
     */
    public boolean aotCache() {
        return aotCache;
    }

    /**
     * True (the default) to start each part as soon as what it needs is up (the broker for all but the sandbox),
     * instead of one after the other in {@link Component} order.
     */
    public boolean parallelStart() {
        return parallelStart;
    }

    /** Environment added to (and overriding) what the launcher sets for {@code component}. */
    public Map<String, String> extraEnv(Component component) {
        return extraEnv.getOrDefault(component, Map.of());
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    public Path pidsDir() {
        return stateDir.resolve("pids");
    }

    public Path kafkaDir() {
        return stateDir.resolve("kafka");
    }

    /**
     * accounts-streams' state folder (its RocksDB stores): wiped with the broker's data, since stores kept
     * across a wiped broker would name changelog offsets that no longer exist.
     */
    public Path streamsStateDir() {
        return stateDir.resolve("streams");
    }

    /**
     * The state folder of accounts-streams' instance {@code number}: its own, since Kafka Streams locks its task
     * folders and keeps its process id there (which names its transactional ids). The first instance's is
     * {@link #streamsStateDir()}, the n-th's a sibling {@code streams-<n>}.
     */
    public Path streamsStateDir(int number) {
        return number == 1 ? streamsStateDir() : stateDir.resolve("streams-" + number);
    }

    public Builder toBuilder() {
        Builder b = new Builder(projectDir);
        b.stateDir = stateDir;
        b.host = host;
        b.ports = ports;
        b.partitions = partitions;
        b.wipe = wipe;
        b.components = EnumSet.copyOf(components);
        b.instances = instances;
        b.clocks = clocks;
        b.startTimeout = startTimeout;
        b.aotCache = aotCache;
        b.parallelStart = parallelStart;
        extraEnv.forEach((c, m) -> b.extraEnv.put(c, new LinkedHashMap<>(m)));
        return b;
    }

    /**
     * How fast time runs. {@code REAL} keeps Flinks' own timings (poll every 10 s, webhook retries 30 min
     * apart); {@code FAST} compresses them so that a demo or a test completes in seconds.
     */
    public enum Clocks {
        REAL,
        FAST
    }

    public static final class Builder {
        private final Path projectDir;
        private Path stateDir;
        private String host = "127.0.0.1";
        private StackPorts ports = StackPorts.defaults();
        private int partitions = 3;
        private boolean wipe = true;
        private Set<Component> components = EnumSet.allOf(Component.class);
        private int instances = 1;
        private Clocks clocks = Clocks.FAST;
        // Apicurio Registry takes 20-50 s to come up on a busy 2-core machine; a part that dies still fails at once.
        private Duration startTimeout = Duration.ofMinutes(3);
        private boolean aotCache = true;
        private boolean parallelStart = true;
        private final Map<Component, Map<String, String>> extraEnv = new EnumMap<>(Component.class);

        private Builder(Path projectDir) {
            this.projectDir = Objects.requireNonNull(projectDir, "projectDir");
        }

        public Builder stateDir(Path v) {
            this.stateDir = v;
            return this;
        }

        public Builder host(String v) {
            this.host = Objects.requireNonNull(v);
            return this;
        }

        public Builder ports(StackPorts v) {
            this.ports = Objects.requireNonNull(v);
            return this;
        }

        public Builder wipe(boolean v) {
            this.wipe = v;
            return this;
        }

        public Builder clocks(Clocks v) {
            this.clocks = Objects.requireNonNull(v);
            return this;
        }

        public Builder startTimeout(Duration v) {
            this.startTimeout = Objects.requireNonNull(v);
            return this;
        }

        public Builder aotCache(boolean v) {
            this.aotCache = v;
            return this;
        }

        public Builder parallelStart(boolean v) {
            this.parallelStart = v;
            return this;
        }

        public Builder partitions(int v) {
            if (v < 1 || v > 64) {
                throw new IllegalArgumentException("partitions must be within 1..64, was " + v);
            }
            this.partitions = v;
            return this;
        }

        public Builder components(Set<Component> v) {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("no component to start");
            }
            this.components = EnumSet.copyOf(v);
            return this;
        }

        /** Instances of each service (ingest, poller, attributes, accounts-streams), 1..{@link Instance#MAX}. */
        public Builder instances(int v) {
            if (v < 1 || v > Instance.MAX) {
                throw new IllegalArgumentException("instances must be within 1.." + Instance.MAX + ", was " + v);
            }
            this.instances = v;
            return this;
        }

        public Builder env(Component component, String name, String value) {
            extraEnv.computeIfAbsent(component, c -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        public StackConfig build() {
            return new StackConfig(this);
        }
    }
}
