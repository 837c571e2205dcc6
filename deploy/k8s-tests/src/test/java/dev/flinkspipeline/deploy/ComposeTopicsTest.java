package dev.flinkspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The compose stack creates every pipeline topic (the services create only their internal ones). */
class ComposeTopicsTest {

    @Test
    void theTopicScriptCreatesEveryPipelineTopicWithTheTopicPlansRecordSize() throws IOException {
        String script = Files.readString(Repo.root().resolve("deploy/compose/create-topics.sh"));
        Set<String> full = list(script, "FULL_PAYLOAD");
        Set<String> all = new HashSet<>(full);
        all.addAll(list(script, "OTHERS"));

        assertThat(all).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(full)
                .containsExactlyInAnyOrder(
                        Topics.KYC_RECEIVED, Topics.ACCOUNTS_READY, Topics.ATTRIBUTES_READY, Topics.WEBHOOK_UNHANDLED);
        assertThat(script)
                .contains("for topic in $OTHERS $FULL_PAYLOAD; do\n  create \"$topic" + Topics.DLT_SUFFIX
                        + "\" --config max.message.bytes=$FULL");
        // Only the latest state per account is compacted (TopicPlan); everything else is deleted by age.
        assertThat(list(script, "COMPACTED")).containsExactly(Topics.ACCOUNT_STATE);
        assertThat(script).contains("--config cleanup.policy=$policy \"$@\"");
    }

    private static Set<String> list(String script, String variable) {
        Matcher m = Pattern.compile("^" + variable + "=\"([^\"]*)\"", Pattern.MULTILINE)
                .matcher(script);
        assertThat(m.find()).as("%s= in create-topics.sh", variable).isTrue();
        return Set.of(m.group(1).trim().split("\\s+"));
    }
}
