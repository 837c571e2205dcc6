package dev.flinkspipeline.tools.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in deploy files are what the topic and access plan generates: nobody edits one of them by hand. */
class DeployFilesTest {

    /** The repository's root: this module is deploy/local/tools. */
    private static final Path ROOT =
            Path.of("").toAbsolutePath().resolve("../../..").normalize();

    @Test
    void theCheckedInFilesAreWhatThePlanGenerates() {
        assertThat(DeployFiles.stale(ROOT))
                .as(
                        "files that differ from the topic and access plan: regenerate them with `%s` (from the repository's"
                                + " root) and commit the result",
                        DeployFiles.command())
                .isEmpty();
    }

    @Test
    void everyGeneratedFileSaysItIsGeneratedAndHowToRegenerateIt() {
        Map<String, String> files = DeployFiles.generate();
        assertThat(files).isNotEmpty();
        files.forEach((path, content) -> {
            assertThat(Files.isRegularFile(ROOT.resolve(path))).as(path).isTrue();
            assertThat(content).as(path).contains("GENERATED").contains(DeployFiles.command());
        });
    }

    @Test
    void theComposeScriptCreatesTopicsWithItsFixedOrItsSharedPartitions() {
        String script = DeployFiles.generate().get(ComposeTopicScript.PATH);
        assertThat(script)
                .contains("create flinks.login-received \"$PARTITIONS\" --config min.insync.replicas=1"
                        + " --config cleanup.policy=delete\n")
                .contains("create kafkasql-journal 1 ")
                .contains("create flinks-ingest.tag-bindings 3 ");
    }
}
