package dev.flinkspipeline.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alerting rules and the dashboard query is one the services register: a meter named in
 * the services' code (Micrometer's dotted name, as Prometheus shows it: dots to underscores, plus
 * {@code _total} for a counter, {@code _seconds_*} for a timer), or one of the few that a framework registers
 * where the code asks for it. Renaming a meter without the rules and the dashboard fails here.
 */
class MetricNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Meters registered by a framework, with the code that makes it register them. */
    private static final Map<String, String> FRAMEWORK = Map.of(
            // Prometheus' own: whether a target was scraped.
            "up", "",
            // Spring Kafka binds each consumer's own metrics to Micrometer once the factory has this listener.
            "kafka_consumer_fetch_manager_records_lag_max", "new MicrometerConsumerListener");

    private static final List<String> SUFFIXES = List.of(
            "",
            "_total",
            "_seconds",
            "_seconds_bucket",
            "_seconds_count",
            "_seconds_sum",
            "_seconds_max",
            "_bucket",
            "_count",
            "_sum",
            "_max");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool");

    private static final Pattern METER_NAME =
            Pattern.compile("(?:\\.builder|\\bcount|\\btimer)\\(\\s*\"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\""
                    + "|static final String \\w+ = \"([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)\";");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void rulesQueryOnlyMetricsTheServicesExpose() throws IOException {
        Set<String> used = new TreeSet<>();
        JsonNode rules = YAML.readTree(
                Repo.observability().resolve("prometheus-rules.yaml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                used.addAll(metricsIn(rule.path("expr").asText()));
            }
        }
        assertThat(used)
                .contains(
                        "flinks_credentials_circuit_open",
                        "pipeline_job_steps_total",
                        "pipeline_job_failures_total",
                        "pipeline_job_dead_letters_total",
                        "kafka_consumer_fetch_manager_records_lag_max",
                        "up");
        assertThat(unknown(used))
                .as("metrics the rules use that no service exposes")
                .isEmpty();
    }

    @Test
    void dashboardQueriesOnlyMetricsTheServicesExpose() throws IOException {
        JsonNode dashboard =
                JSON.readTree(Repo.observability().resolve("dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt()))
                    .as("panel ids are unique")
                    .isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metricsIn(target.path("expr").asText()));
            }
        }
        assertThat(used)
                .contains(
                        "ingest_events_emitted_total",
                        "pipeline_job_steps_total",
                        "pipeline_job_lateness_seconds_bucket",
                        "flinks_client_requests_seconds_bucket",
                        "pipeline_job_dead_letters_total",
                        "kafka_consumer_fetch_manager_records_lag_max");
        assertThat(unknown(used))
                .as("metrics the dashboard uses that no service exposes")
                .isEmpty();
    }

    @Test
    void aRenamedMeterIsCaught() {
        assertThat(unknown(Set.of("pipeline_job_stepz_total", "pipeline_job_steps_total")))
                .containsExactly("pipeline_job_stepz_total");
    }

    /** The metric names an expression selects (strings, label matchers, groupings, ranges and calls removed). */
    static Set<String> metricsIn(String expr) {
        String bare = QUOTED.matcher(expr).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String word = m.group();
            boolean call = bare.substring(m.end()).stripLeading().startsWith("(");
            if (!call && !PROMQL_WORDS.contains(word) && !word.equals("e")) {
                names.add(word);
            }
        }
        return names;
    }

    private static Set<String> unknown(Set<String> used) {
        Set<String> exposed = exposed();
        String sources = String.join("\n", mainSources().values());
        Set<String> unknown = new TreeSet<>();
        for (String name : used) {
            boolean framework = FRAMEWORK.containsKey(name) && sources.contains(FRAMEWORK.get(name));
            if (!framework && !exposed.contains(name)) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    /** Every Prometheus name of every meter named in the services' code. */
    private static Set<String> exposed() {
        Set<String> names = new HashSet<>();
        for (String source : mainSources().values()) {
            if (!source.contains("io.micrometer.core.instrument")) {
                continue;
            }
            Matcher m = METER_NAME.matcher(source);
            while (m.find()) {
                String meter = m.group(1) != null ? m.group(1) : m.group(2);
                for (String suffix : SUFFIXES) {
                    names.add(meter.replace('.', '_') + suffix);
                }
            }
        }
        return names;
    }

    private static Map<Path, String> mainSources() {
        Path root = Repo.root();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !root.relativize(p).startsWith(".git"))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, String> sources = new HashMap<>();
        for (Path file : files) {
            try {
                sources.put(file, Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }
}
