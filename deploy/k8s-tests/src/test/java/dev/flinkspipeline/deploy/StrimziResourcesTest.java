package dev.flinkspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every Strimzi resource of deploy/k8s, as rendered, is valid against the CRD schema of its kind and version. */
class StrimziResourcesTest {

    private RenderedManifests base;
    private RenderedManifests production;
    private StrimziCrdSchemas schemas;

    /** Per test, so that each reports itself skipped, with the reason, without kubectl or generated CRDs. */
    @BeforeEach
    void renderAndLoadSchemas() {
        base = RenderedManifests.render("base");
        production = RenderedManifests.render("overlays/production");
        schemas = StrimziCrdSchemas.load();
    }

    @Test
    void everyStrimziResourceOfTheBaseMatchesItsCrd() {
        assertValid(base);
        // The base has one of each kind at least: an empty render would pass the check above.
        for (String kind : StrimziCrdSchemas.KINDS) {
            assertThat(base.ofKind(kind)).as(kind).isNotEmpty();
        }
    }

    @Test
    void everyStrimziResourceOfTheProductionOverlayMatchesItsCrd() {
        assertValid(production);
    }

    @Test
    void aTopicWithReplicasAsTextIsRefused() {
        ObjectNode topic = base.named("KafkaTopic", "flinks.login-received").deepCopy();
        ((ObjectNode) topic.path("spec")).put("replicas", "three");

        assertThat(schemas.errors(topic))
                .anySatisfy(e -> assertThat(e).contains("replicas").contains("integer"));
    }

    @Test
    void aMisspeltFieldIsRefused() {
        ObjectNode user = base.named("KafkaUser", "poller-service").deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0))
                .putArray("operatons")
                .add("Read");

        assertThat(schemas.errors(user)).anySatisfy(e -> assertThat(e).contains("operatons"));
    }

    @Test
    void anUnknownAclOperationIsRefused() {
        ObjectNode user = base.named("KafkaUser", "ingest-service").deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0))
                .putArray("operations")
                .add("Publish");

        assertThat(schemas.errors(user)).anySatisfy(e -> assertThat(e).contains("operations"));
    }

    private void assertValid(RenderedManifests manifests) {
        Map<String, List<String>> invalid = new LinkedHashMap<>();
        for (String kind : StrimziCrdSchemas.KINDS) {
            for (JsonNode resource : manifests.ofKind(kind)) {
                List<String> errors = schemas.errors(resource);
                if (!errors.isEmpty()) {
                    invalid.put(
                            kind + "/" + resource.path("metadata").path("name").asText(), errors);
                }
            }
        }
        assertThat(invalid)
                .as("Strimzi resources that do not match their CRD schema")
                .isEmpty();
    }
}
