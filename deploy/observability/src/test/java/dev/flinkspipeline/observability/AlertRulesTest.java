package dev.flinkspipeline.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules: valid for Prometheus ({@code promtool check rules}), each alert firing on the faults it
 * is for and not before ({@code promtool test rules}), and the Prometheus Operator resource holding the same
 * groups. promtool comes with Debian's {@code prometheus} package (.ci/run installs it); without it the promtool
 * checks are skipped, not failed.
 */
class AlertRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Result result = promtool("check", "rules", "prometheus-rules.yaml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void alertsFireAsTheirUnitTestsExpect() throws Exception {
        Result result = promtool("test", "rules", "prometheus-rules.test.yaml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void operatorResourceHoldsTheSameGroups() throws IOException {
        JsonNode plain = YAML.readTree(
                Repo.observability().resolve("prometheus-rules.yaml").toFile());
        JsonNode operator = YAML.readTree(
                Repo.observability().resolve("prometheus-rule.k8s.yaml").toFile());
        assertThat(operator.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(operator.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(operator.path("spec").path("groups")).isEqualTo(plain.path("groups"));
    }

    @Test
    void everyAlertHasASeverityAndASummary() throws IOException {
        JsonNode plain = YAML.readTree(
                Repo.observability().resolve("prometheus-rules.yaml").toFile());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : plain.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                assertThat(rule.path("labels").path("severity").asText())
                        .as(rule.path("alert").asText())
                        .isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText())
                        .as(rule.path("alert").asText())
                        .isNotBlank();
            }
        }
        assertThat(alerts)
                .contains(
                        "FlinksPipelineServiceDown",
                        "FlinksCredentialsCircuitOpen",
                        "FlinksWebhooksMissing",
                        "FlinksPollTimeouts",
                        "FlinksPipelineDeadLetters",
                        "FlinksPipelineConsumerLag")
                .doesNotHaveDuplicates();
    }

    private record Result(int exitCode, String output) {}

    private static Result promtool(String... args) throws IOException, InterruptedException {
        Path promtool = onPath("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus)");
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(Repo.observability().toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
