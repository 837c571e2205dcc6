package dev.flinkspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's own code says about its Kafka use, read from its sources as they are: the settings of its
 * configuration (application.yml and the {@code @DefaultValue}s of its {@code @ConfigurationProperties}
 * records, service-support's included) and, for the job services, each declared listener's topics and consumer
 * group: {@code .listener("<suffix>", p.topics().a()...)} or {@code JobListener.of(<id>, "<suffix>", <handler>,
 * p.topics().a()...)}, whose group is {@code <spring.kafka.consumer.group-id>-<suffix>} and whose topics are the
 * settings {@code <prefix>.topics.a} of the service's records.
 */
final class ServiceSources {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");
    private static final String TOPICS = "((?:\\s*,\\s*\\w+\\.topics\\(\\)\\.\\w+\\(\\))+)";
    private static final Pattern LISTENER = Pattern.compile(
            "(?:\\.listener\\(|JobListener\\.of\\(\\s*[\\w.]+\\s*,)\\s*\"([\\w-]+)\"(?:\\s*,\\s*[\\w.]+::\\w+)?"
                    + TOPICS);
    private static final Pattern TOPIC = Pattern.compile("\\.topics\\(\\)\\.(\\w+)\\(\\)");

    /** A listener's consumer group and the topics it subscribes to. */
    record Listener(String group, Set<String> topics) {}

    private static final Pattern PROPERTIES_RECORD =
            Pattern.compile("@ConfigurationProperties\\(\"([^\"]+)\"\\)\\s*public record (\\w+)\\(");
    private static final Pattern RECORD = Pattern.compile("\\brecord (\\w+)\\(");

    private final Map<String, String> config;
    private final String listenerPrefix;
    private final Map<String, Set<String>> topicsByListenerGroup = new LinkedHashMap<>();

    private ServiceSources(Map<String, String> config, String listenerPrefix) {
        this.config = config;
        this.listenerPrefix = listenerPrefix;
    }

    /**
     * A Spring service: application.yml, its properties records and service-support's, and the listeners under
     * src/main/java, whose topics are the settings under {@code listenerPrefix}.topics.
     */
    static ServiceSources spring(String module, String listenerPrefix) {
        Path root = Repo.root().resolve(module).resolve("src/main");
        try {
            Map<String, String> config = new HashMap<>();
            for (Path java : List.of(Repo.root().resolve("service-support/src/main/java"), root.resolve("java"))) {
                for (String source : javaSources(java)) {
                    readRecordDefaults(source, config);
                }
            }
            // application.yml overrides the records' defaults.
            flatten(
                    "",
                    RenderedManifests.YAML.readTree(
                            root.resolve("resources/application.yml").toFile()),
                    config);
            ServiceSources sources = new ServiceSources(config, listenerPrefix);
            for (String source : javaSources(root.resolve("java"))) {
                sources.readListeners(source);
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every setting the service binds, with its default ("" when it has none). */
    Set<String> keys() {
        return config.keySet();
    }

    private static List<String> javaSources(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> sources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.add(Files.readString(file));
            }
            return sources;
        }
    }

    /** The keys of a {@code @ConfigurationProperties} record and of its nested records, with their defaults. */
    private static void readRecordDefaults(String source, Map<String, String> out) {
        Matcher root = PROPERTIES_RECORD.matcher(source);
        if (!root.find()) {
            return;
        }
        Map<String, String> components = new HashMap<>();
        Matcher r = RECORD.matcher(source);
        while (r.find()) {
            components.put(r.group(1), balanced(source, r.end() - 1));
        }
        readComponents(root.group(1), components.get(root.group(2)), components, out);
    }

    private static void readComponents(
            String prefix, String components, Map<String, String> records, Map<String, String> out) {
        for (String component : splitTopLevel(components)) {
            String text = component.replaceAll("\\s+", " ").trim();
            Matcher d = Pattern.compile("@DefaultValue(?:\\((\"([^\"]*)\"|[\\w.]+)\\))?")
                    .matcher(text);
            String value = null;
            if (d.find()) {
                value = d.group(1) == null ? null : d.group(2) != null ? d.group(2) : constant(d.group(1));
            }
            String[] words = text.replaceAll("@\\w+(\\([^)]*\\))?", "").trim().split(" ");
            String type = words[words.length - 2];
            String key = prefix + "." + kebab(words[words.length - 1]);
            if (records.containsKey(type)) {
                readComponents(key, records.get(type), records, out);
            } else {
                out.put(key, value == null ? "" : value);
            }
        }
    }

    /** {@code Topics.ACCOUNTS_READY}: the constant of the schemas module. */
    private static String constant(String reference) {
        String[] parts = reference.split("\\.");
        if (parts.length != 2 || !parts[0].equals("Topics")) {
            throw new AssertionError("a @DefaultValue this test cannot read: " + reference);
        }
        try {
            return (String) Topics.class.getField(parts[1]).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(reference, e);
        }
    }

    /** The text between the parenthesis at {@code open} and its match. */
    private static String balanced(String source, int open) {
        int depth = 0;
        for (int i = open; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(open + 1, i);
            }
        }
        throw new AssertionError("unbalanced record components");
    }

    private static List<String> splitTopLevel(String components) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < components.length(); i++) {
            char c = components.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '>')) {
                depth--;
            } else if (!quoted && c == ',' && depth == 0) {
                parts.add(components.substring(start, i));
                start = i + 1;
            }
        }
        if (!components.isBlank()) {
            parts.add(components.substring(start));
        }
        return parts;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The default of a setting (records, then application.yml), placeholders resolved to their defaults. */
    String setting(String key) {
        String value = config.get(key);
        if (value == null) {
            throw new AssertionError("no setting " + key);
        }
        return resolve(value);
    }

    /** The text of a source file of {@code module}, {@code path} relative to its src/main/java. */
    static String javaSource(String module, String path) {
        try {
            return Files.readString(
                    Repo.root().resolve(module).resolve("src/main/java").resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The topic names under {@code prefix} (e.g. poller.topics) that are names, not other settings. */
    Set<String> topicNames(String prefix) {
        Set<String> names = new LinkedHashSet<>();
        config.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                String value = resolve(v);
                if (value.matches("flinks[a-z-]*\\.[a-z.-]+")) {
                    names.add(value);
                }
            }
        });
        return names;
    }

    List<Listener> listeners() {
        return topicsByListenerGroup.entrySet().stream()
                .map(e -> new Listener(e.getKey(), e.getValue()))
                .toList();
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
        Matcher m = Pattern.compile("@WithDefault\\(\"([^\"]+)\"\\)\\s*Duration retention\\(\\)")
                .matcher(ingestConfig());
        if (!m.find()) {
            throw new AssertionError("IngestConfig has no tag-bindings retention default");
        }
        return m.group(1);
    }

    private static String ingestConfig() {
        try {
            return Files.readString(Repo.root()
                    .resolve("ingest-service/src/main/java/dev/flinkspipeline/ingest/config/IngestConfig.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readListeners(String source) {
        Matcher m = LISTENER.matcher(source);
        while (m.find()) {
            Set<String> topics = new LinkedHashSet<>();
            Matcher t = TOPIC.matcher(m.group(2));
            while (t.find()) {
                topics.add(setting(listenerPrefix + ".topics." + kebab(t.group(1))));
            }
            topicsByListenerGroup
                    .computeIfAbsent(
                            setting("spring.kafka.consumer.group-id") + "-" + m.group(1), g -> new LinkedHashSet<>())
                    .addAll(topics);
        }
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
            node.fields()
                    .forEachRemaining(
                            e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isValueNode()) {
            out.put(prefix, node.asText());
        }
    }
}
