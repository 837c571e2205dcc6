package dev.flinkspipeline.tools.stack;

import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of the local stack: every topic of the project's topic plan ({@link TopicPlan}) on
 * one broker. The broker does not auto-create topics, so a service that writes to a misspelt topic fails loudly instead of creating a stray one; the services do not create topics.
 */
public final class LocalTopics {

    private LocalTopics() {}

    public record TopicSpec(String name, int partitions, Map<String, String> configs) {}

    /**
     * Every topic of the plan, {@code partitions} partitions each where the plan fixes none, replication factor 1:
     * the pipeline topics and their dead-letter topics, the services' internal topics, the registry's journal.
     */
    public static List<TopicSpec> localStack(int partitions) {
        Sizing sizing = Sizing.singleBroker(partitions);
        return TopicPlan.all().stream()
                .map(t -> new TopicSpec(t.name(), t.partitions(sizing), t.configs(sizing)))
                .toList();
    }

    /** Creates the topics that do not exist yet (a kept data folder already has them). */
    public static void apply(Admin admin, List<TopicSpec> topics) {
        List<NewTopic> creates = topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                .toList();
        admin.createTopics(creates).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new StackException(
                            "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                }
            } catch (TimeoutException e) {
                throw new StackException("creating topic " + name + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while creating topics", e);
            }
        });
    }
}
