package dev.flinkspipeline.tools.deploy;

import dev.flinkspipeline.schemas.plan.Principals;
import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy files generated from the topic and access plan, by their path in the repository: the cluster's
 * KafkaTopics and KafkaUsers, and the compose stack's topic script.
 */
public final class DeployFiles {

    /** The Strimzi Kafka cluster of deploy/k8s/base/kafka/kafka.yaml. */
    static final String CLUSTER = "flinks-kafka";

    private DeployFiles() {}

    /** Every generated file's content by its path relative to the repository's root. */
    public static Map<String, String> generate() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(StrimziTopics.PATH, StrimziTopics.render(TopicPlan.all(), Sizing.PRODUCTION, CLUSTER));
        files.put(StrimziUsers.PATH, StrimziUsers.render(Principals.all(), CLUSTER));
        files.put(ComposeTopicScript.PATH, ComposeTopicScript.render(TopicPlan.all()));
        return files;
    }

    /** Writes every generated file under {@code root}; returns the paths whose content changed. */
    public static List<String> write(Path root) {
        List<String> changed = new ArrayList<>();
        generate().forEach((path, content) -> {
            Path file = root.resolve(path);
            try {
                if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
                    Files.writeString(file, content);
                    changed.add(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return changed;
    }

    /** The paths under {@code root} whose content is not what the plan generates. */
    public static List<String> stale(Path root) {
        List<String> stale = new ArrayList<>();
        generate().forEach((path, content) -> {
            Path file = root.resolve(path);
            try {
                if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
                    stale.add(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return stale;
    }

    /** The command that regenerates them. */
    public static String command() {
        return GeneratedHeader.COMMAND;
    }
}
