package dev.flinkspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's own code says about its Kafka use, read from its sources as they are: the topic names of
 * its configuration (defaults) and, for the Spring services, each {@code @KafkaListener}'s topics and
 * consumer group (the listener's id when it names no group: Spring's {@code idIsGroup} default).
 */
final class ServiceSources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final Pattern LISTENER = Pattern.compile("@KafkaListener\\((.*?)\\)\\s*public", Pattern.DOTALL);
    private static final Pattern STRING_CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");

    /** A listener's consumer group and the topics it subscribes to. */
    record Listener(String group, Set<String> topics) {
    }

    private final Map<String, String> config;
    private final Map<String, Set<String>> topicsByListenerGroup = new LinkedHashMap<>();

    private ServiceSources(Map<String, String> config) {
        this.config = config;
    }

    /** A Spring service: application.yml and the listeners under src/main/java. */
    static ServiceSources spring(String module) {
        Path root = Repo.root().resolve(module).resolve("src/main");
        try {
            Map<String, String> config = new HashMap<>();
            flatten("", RenderedManifests.YAML.readTree(root.resolve("resources/application.yml").toFile()), config);
            ServiceSources sources = new ServiceSources(config);
            try (Stream<Path> files = Files.walk(root.resolve("java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.readListeners(Files.readString(file));
                }
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default of a setting of application.yml, placeholders resolved to their defaults. */
    String setting(String key) {
        String value = config.get(key);
        if (value == null) {
            throw new AssertionError("no setting " + key);
        }
        return resolve(value);
    }

    /** A setting of application.yml as written, placeholders left as they are. */
    String rawSetting(String key) {
        String value = config.get(key);
        if (value == null) {
            throw new AssertionError("no setting " + key);
        }
        return value;
    }

    /** The text of a source file of {@code module}, {@code path} relative to its src/main/java. */
    static String javaSource(String module, String path) {
        try {
            return Files.readString(Repo.root().resolve(module).resolve("src/main/java").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topic names under {@code prefix} (e.g. poller.topics) that are names, not other settings. */
    Set<String> topicNames(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        config.forEach((k, v) -> {
            String value = resolve(v);
            if (k.startsWith(prefix + ".") && value.matches("flinks[a-z-]*\\.[a-z.-]+")) {
                names.add(value);
            }
        });
        return names;
    }

    List<Listener> listeners() {
        return topicsByListenerGroup.entrySet().stream().map(e -> new Listener(e.getKey(), e.getValue())).toList();
    }

    /** ingest-service (Quarkus): the @WithDefault of each topic in IngestConfig.Topics. */
    static Set<String> ingestTopics() {
        String source = ingestConfig();
        int start = source.indexOf("interface Topics {");
        String block = source.substring(start, source.indexOf("\n    }", start));
        Set<String> topics = new LinkedHashSet<>();
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)").matcher(block);
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    /** ingest-service: the default of {@code ingest.tag-bindings.retention}. */
    static String ingestTagBindingsRetention() {
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s*Duration retention\\(\\)").matcher(ingestConfig());
        if (!m.find()) {
            throw new AssertionError("IngestConfig has no tag-bindings retention default");
        }
        return m.group(1);
    }

    private static String ingestConfig() {
        try {
            return Files.readString(Repo.root().resolve(
                    "ingest-service/src/main/java/dev/flinkspipeline/ingest/config/IngestConfig.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readListeners(String source) {
        Map<String, String> constants = new HashMap<>();
        Matcher c = STRING_CONSTANT.matcher(source);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        Matcher m = LISTENER.matcher(source);
        while (m.find()) {
            String args = m.group(1);
            String group = attribute(args, "groupId", constants);
            if (group == null) {
                group = attribute(args, "id", constants);
            }
            Set<String> topics = new LinkedHashSet<>();
            Matcher t = Pattern.compile("\"([^\"]+)\"").matcher(listAttribute(args, "topics"));
            while (t.find()) {
                topics.add(resolve(t.group(1)));
            }
            topicsByListenerGroup.computeIfAbsent(resolve(group), g -> new LinkedHashSet<>()).addAll(topics);
        }
    }

    private static String attribute(String args, String name, Map<String, String> constants) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\"([^\"]*)\"|(\\w+))").matcher(args);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : constants.get(m.group(3));
    }

    private static String listAttribute(String args, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\\{(?:\\$\\{[^}]*}|[^{}])*}|\"[^\"]*\")").matcher(args);
        if (!m.find()) {
            throw new AssertionError("a @KafkaListener without " + name + ": " + args);
        }
        return m.group(1);
    }

    private String resolve(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null ? m.group(2) : setting(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isValueNode()) {
            out.put(prefix, node.asText());
        }
    }
}
