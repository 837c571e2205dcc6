package dev.flinkspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The resources of a kustomization as {@code kubectl kustomize} renders them: what would reach the cluster. */
final class RenderedManifests {

    static final YAMLMapper YAML = new YAMLMapper();

    private static final Map<String, RenderedManifests> RENDERED = new HashMap<>();

    private final List<JsonNode> resources;

    private RenderedManifests(List<JsonNode> resources) {
        this.resources = resources;
    }

    /**
     * Renders {@code deploy/k8s/<relative>} once per test run; the calling test is skipped, saying why, when
     * kubectl is missing (call it from each test or a {@code @BeforeEach}, so that each reports itself skipped).
     */
    static synchronized RenderedManifests render(String relative) {
        Assumptions.assumeTrue(
                Kubectl.available(),
                "kubectl is not on the PATH: the deploy/k8s checks are skipped (install kubectl to run them)");
        return RENDERED.computeIfAbsent(relative, RenderedManifests::kustomize);
    }

    private static RenderedManifests kustomize(String relative) {
        Path dir = Repo.root().resolve("deploy/k8s").resolve(relative);
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile())
                    .redirectErrorStream(false)
                    .start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + err);
            }
            return new RenderedManifests(parse(Files.readString(out)));
        } catch (IOException e) {
            throw new AssertionError("cannot run kubectl kustomize " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<JsonNode> parse(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    List<JsonNode> all() {
        return resources;
    }

    List<JsonNode> ofKind(String kind) {
        return resources.stream()
                .filter(r -> kind.equals(r.path("kind").asText()))
                .toList();
    }

    JsonNode named(String kind, String name) {
        return ofKind(kind).stream()
                .filter(r -> name.equals(r.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }
}
