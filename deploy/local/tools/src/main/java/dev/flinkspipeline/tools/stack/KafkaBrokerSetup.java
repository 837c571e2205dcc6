package dev.flinkspipeline.tools.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * A single-node KRaft broker (broker and controller in one process) on loopback, run from the jars that
 * {@code deploy/local/kafka} copies into its target/lib: its server.properties, the one-time storage format,
 * and the command line.
 */
final class KafkaBrokerSetup {

    /** Large enough for a Days365 GetAccountsDetail of a busy customer (~0.5-3 MB) with room to spare. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final StackConfig config;
    private final Path libDir;
    private final Path log4jConfig;

    KafkaBrokerSetup(StackConfig config) {
        this.config = config;
        Path target = config.projectDir().resolve(Component.KAFKA.moduleDir()).resolve("target");
        this.libDir = target.resolve("lib");
        this.log4jConfig = target.resolve("config").resolve("log4j2.properties");
    }

    boolean isBuilt() {
        return Files.isDirectory(libDir) && Files.exists(libDir.resolve("kafka_2.13-" + kafkaVersion() + ".jar"));
    }

    String missingMessage() {
        return "the broker's classpath " + libDir + " is missing: run ./mvnw -q -DskipTests package";
    }

    Path dataDir() {
        return config.kafkaDir().resolve("data");
    }

    Path serverProperties() {
        return config.kafkaDir().resolve("server.properties");
    }

    String bootstrapServers() {
        return config.host() + ":" + config.ports().kafka();
    }

    /** Writes server.properties and formats the storage unless it already holds a formatted log. */
    void prepare(Map<String, String> jvmProperties, List<String> aotOptions) {
        try {
            Files.createDirectories(dataDir());
            Files.writeString(serverProperties(), serverPropertiesText());
            if (Files.exists(dataDir().resolve("meta.properties"))) {
                return; // kept from a previous run (--keep-data) or a broker restart in a fault test
            }
            List<String> command = java(jvmProperties, aotOptions, "-Xmx256m");
            command.addAll(List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    serverProperties().toString()));
            Path log = config.logsDir().resolve("kafka-format.log");
            Files.createDirectories(log.getParent());
            Process format = new ProcessBuilder(command)
                    .directory(config.kafkaDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StackException("formatting Kafka storage timed out; see " + log);
            }
            if (format.exitValue() != 0) {
                throw new StackException("formatting Kafka storage failed (exit " + format.exitValue() + "):\n"
                        + LogFiles.tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka under " + config.kafkaDir(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting Kafka storage");
        }
    }

    /** The broker's classpath, what its AOT cache is keyed by. */
    Path libDir() {
        return libDir;
    }

    List<String> brokerCommand(Map<String, String> jvmProperties, List<String> aotOptions) {
        List<String> command = java(jvmProperties, aotOptions, "-Xms256m", "-Xmx768m");
        command.add("kafka.Kafka");
        command.add(serverProperties().toString());
        return command;
    }

    private List<String> java(Map<String, String> jvmProperties, List<String> aotOptions, String... heap) {
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.addAll(List.of(heap));
        command.addAll(aotOptions);
        command.add(JavaCommand.NATIVE_ACCESS);
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4jConfig);
        jvmProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(libDir + "/*");
        return command;
    }

    private String serverPropertiesText() {
        String host = config.host();
        int port = config.ports().kafka();
        int controller = config.ports().controller();
        return String.join(
                "\n",
                "# Written by the local stack launcher at each start; edit StackConfig rather than this file.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controller,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controller,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir(),
                "# One node: every internal topic has one replica, or consumers never get an assignment.",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + Math.max(1, config.partitions()),
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=" + Math.max(1, config.partitions()),
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "num.partitions=" + config.partitions(),
                "# The pipeline topics are created by the launcher with their intended settings.",
                "auto.create.topics.enable=false",
                "message.max.bytes=" + MAX_MESSAGE_BYTES,
                "replica.fetch.max.bytes=" + MAX_MESSAGE_BYTES,
                "socket.request.max.bytes=" + (4 * MAX_MESSAGE_BYTES),
                "log.retention.hours=168",
                "");
    }

    static String kafkaVersion() {
        String version = AppInfoParser.getVersion();
        return version == null || version.equals("unknown") ? "4.1.2" : version;
    }
}
