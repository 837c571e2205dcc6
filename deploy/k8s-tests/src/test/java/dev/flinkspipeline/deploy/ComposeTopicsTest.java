package dev.flinkspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.plan.Sizing;
import dev.flinkspipeline.schemas.plan.TopicPlan;
import dev.flinkspipeline.schemas.plan.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose stack creates every topic of the plan, with its settings (the services create none). */
class ComposeTopicsTest {

    private static final Pattern CREATE =
            Pattern.compile("^create (\\S+) (\\S+)((?: --config \\S+)*)$", Pattern.MULTILINE);

    @Test
    void theTopicScriptCreatesEveryTopicOfThePlanWithItsSettings() throws IOException {
        String script = Files.readString(Repo.root().resolve("deploy/compose/create-topics.sh"));
        Map<String, String> created = new HashMap<>();
        Map<String, String> partitions = new HashMap<>();
        Matcher m = CREATE.matcher(script);
        while (m.find()) {
            created.put(m.group(1), m.group(3).trim());
            partitions.put(m.group(1), m.group(2));
        }
        for (String topic : Topics.ALL) {
            assertThat(created).containsKey(topic).containsKey(Topics.dlt(topic));
        }
        Sizing oneBroker = Sizing.singleBroker(3);
        for (TopicSpec topic : TopicPlan.all()) {
            StringBuilder configs = new StringBuilder();
            topic.configs(oneBroker)
                    .forEach((k, v) ->
                            configs.append(" --config ").append(k).append('=').append(v));
            assertThat(created.get(topic.name()))
                    .as(topic.name())
                    .isEqualTo(configs.toString().trim());
            assertThat(partitions.get(topic.name()))
                    .as("%s partitions", topic.name())
                    .isEqualTo(
                            topic.fixedPartitions() > 0
                                    ? Integer.toString(topic.fixedPartitions())
                                    : "\"$PARTITIONS\"");
        }
        assertThat(script).contains("--partitions \"$partitions\" --replication-factor 1 \"$@\"");
    }
}
