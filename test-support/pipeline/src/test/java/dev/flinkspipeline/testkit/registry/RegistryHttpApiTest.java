package dev.flinkspipeline.testkit.registry;

import static dev.flinkspipeline.testkit.registry.Schemas.PAYMENT_REQUIRED_FIELD;
import static dev.flinkspipeline.testkit.registry.Schemas.PAYMENT_V1;
import static dev.flinkspipeline.testkit.registry.Schemas.PAYMENT_V2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryHttpApiTest {

    static TestSchemaRegistry registry;
    static RegistryHttp http;

    @BeforeAll
    static void startRegistry() {
        registry = TestSchemaRegistry.start();
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void registersLooksUpAndServesSchemasByIdSubjectAndVersion() throws Exception {
        int id1 = http.register("payments-value", PAYMENT_V1);
        int id2 = http.register("payments-value", PAYMENT_V2);
        assertThat(id2).isGreaterThan(id1);

        RegistryHttp.Reply byId = http.get("/schemas/ids/" + id1);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.contentType()).startsWith(RegistryHttp.SR_JSON);
        assertThat(new Schema.Parser().parse(byId.body().get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(PAYMENT_V1));
        assertThat(http.get("/schemas/ids/" + id1 + "/schema")
                        .body()
                        .get("name")
                        .asText())
                .isEqualTo("Payment");
        assertThat(http.get("/schemas/ids/" + id2 + "/subjects").body().toString())
                .isEqualTo("[\"payments-value\"]");
        assertThat(http.get("/schemas/ids/" + id2 + "/versions").body().toString())
                .isEqualTo("[{\"subject\":\"payments-value\",\"version\":2}]");

        assertThat(http.get("/subjects").body().toString()).contains("\"payments-value\"");
        assertThat(http.get("/subjects/payments-value/versions").body().toString())
                .isEqualTo("[1,2]");

        RegistryHttp.Reply latest = http.get("/subjects/payments-value/versions/latest");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body().get("subject").asText()).isEqualTo("payments-value");
        assertThat(latest.body().get("version").asInt()).isEqualTo(2);
        assertThat(latest.body().get("id").asInt()).isEqualTo(id2);
        assertThat(http.get("/subjects/payments-value/versions/-1")
                        .body()
                        .get("version")
                        .asInt())
                .isEqualTo(2);
        assertThat(http.get("/subjects/payments-value/versions/1")
                        .body()
                        .get("id")
                        .asInt())
                .isEqualTo(id1);
        assertThat(http.get("/subjects/payments-value/versions/1/schema")
                        .body()
                        .get("fields")
                        .size())
                .isEqualTo(1);
        assertThat(http.get("/subjects/payments-value/versions/latest/schema")
                        .body()
                        .get("fields")
                        .size())
                .isEqualTo(2);

        RegistryHttp.Reply lookup = http.post("/subjects/payments-value", Map.of("schema", PAYMENT_V1));
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().get("version").asInt()).isEqualTo(1);
        assertThat(lookup.body().get("id").asInt()).isEqualTo(id1);
        assertThat(lookup.body().get("subject").asText()).isEqualTo("payments-value");
    }

    @Test
    void reRegisteringIsIdempotentAndTheSameSchemaKeepsItsIdAcrossSubjects() {
        int first = http.register("idem-value", Schemas.record("Idem"));
        // Same schema, different whitespace and an explicit schemaType: same identity.
        String reformatted =
                "{ \"type\" : \"record\", \"name\" : \"Idem\",\n \"fields\" : [ {\"name\":\"f\",\"type\":\"int\"} ] }";
        RegistryHttp.Reply again =
                http.post("/subjects/idem-value/versions", Map.of("schema", reformatted, "schemaType", "AVRO"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asInt()).isEqualTo(first);
        assertThat(http.get("/subjects/idem-value/versions").body().toString()).isEqualTo("[1]");

        int elsewhere = http.register("idem-other-value", Schemas.record("Idem"));
        assertThat(elsewhere).isEqualTo(first);
        assertThat(http.get("/subjects/idem-other-value/versions/latest")
                        .body()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
        assertThat(http.get("/schemas/ids/" + first + "/subjects").body().toString())
                .contains("idem-value", "idem-other-value");
    }

    @Test
    void rejectsABackwardIncompatibleChangeWith409() {
        http.register("strict-value", PAYMENT_V1);
        RegistryHttp.Reply rejected =
                http.post("/subjects/strict-value/versions", Map.of("schema", PAYMENT_REQUIRED_FIELD));
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(rejected.errorCode()).isEqualTo(409);
        assertThat(rejected.body().get("message").asText()).contains("incompatible", "strict-value", "institution");
        assertThat(http.get("/subjects/strict-value/versions").body().toString())
                .isEqualTo("[1]");

        // With the subject's compatibility relaxed, the same change is accepted.
        assertThat(http.put("/config/strict-value", Map.of("compatibility", "NONE"))
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/subjects/strict-value/versions", Map.of("schema", PAYMENT_REQUIRED_FIELD))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/subjects/strict-value/versions").body().toString())
                .isEqualTo("[1,2]");
    }

    @Test
    void compatibilityEndpointAnswersWithoutRegistering() {
        http.register("compat-value", PAYMENT_V1);
        RegistryHttp.Reply compatible =
                http.post("/compatibility/subjects/compat-value/versions/latest", Map.of("schema", PAYMENT_V2));
        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(compatible.body().has("messages")).isFalse();

        RegistryHttp.Reply incompatible = http.post(
                "/compatibility/subjects/compat-value/versions/1?verbose=true",
                Map.of("schema", PAYMENT_REQUIRED_FIELD));
        assertThat(incompatible.status()).isEqualTo(200);
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages").toString()).contains("institution");

        RegistryHttp.Reply againstAll =
                http.post("/compatibility/subjects/compat-value/versions", Map.of("schema", PAYMENT_REQUIRED_FIELD));
        assertThat(againstAll.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(http.get("/subjects/compat-value/versions").body().toString())
                .isEqualTo("[1]");

        assertThat(http.post("/compatibility/subjects/nobody-value/versions/latest", Map.of("schema", PAYMENT_V1))
                        .errorCode())
                .isEqualTo(40401);
        assertThat(http.post("/compatibility/subjects/compat-value/versions/7", Map.of("schema", PAYMENT_V1))
                        .errorCode())
                .isEqualTo(40402);
        assertThat(http.post("/compatibility/subjects/compat-value/versions/first", Map.of("schema", PAYMENT_V1))
                        .errorCode())
                .isEqualTo(42202);
        assertThat(http.post("/compatibility/subjects/compat-value/versions/latest", Map.of("schema", "{nope"))
                        .errorCode())
                .isEqualTo(42201);
    }

    @Test
    void readsAndChangesGlobalAndSubjectCompatibility() {
        RegistryHttp.Reply global = http.get("/config");
        assertThat(global.status()).isEqualTo(200);
        assertThat(global.body().get("compatibilityLevel").asText()).isEqualTo("BACKWARD_TRANSITIVE");
        try {
            RegistryHttp.Reply changed = http.put("/config", Map.of("compatibility", "FULL_TRANSITIVE"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body().get("compatibility").asText()).isEqualTo("FULL_TRANSITIVE");
            assertThat(http.get("/config").body().get("compatibilityLevel").asText())
                    .isEqualTo("FULL_TRANSITIVE");
        } finally {
            assertThat(http.put("/config", Map.of("compatibilityLevel", "BACKWARD_TRANSITIVE"))
                            .status())
                    .isEqualTo(200);
        }

        assertThat(http.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(http.get("/config/cfg-value?defaultToGlobal=true")
                        .body()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("BACKWARD_TRANSITIVE");
        assertThat(http.put("/config/cfg-value", Map.of("compatibility", "forward"))
                        .body()
                        .get("compatibility")
                        .asText())
                .isEqualTo("FORWARD");
        assertThat(http.get("/config/cfg-value")
                        .body()
                        .get("compatibilityLevel")
                        .asText())
                .isEqualTo("FORWARD");

        // FORWARD on this subject: dropping a required field is now what gets rejected.
        http.register("cfg-value", PAYMENT_V1);
        assertThat(http.post("/subjects/cfg-value/versions", Map.of("schema", Schemas.PAYMENT_WITHOUT_LOGIN))
                        .status())
                .isEqualTo(409);
        assertThat(http.post("/subjects/cfg-value/versions", Map.of("schema", PAYMENT_REQUIRED_FIELD))
                        .status())
                .isEqualTo(200);

        RegistryHttp.Reply deleted = http.delete("/config/cfg-value");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("compatibilityLevel").asText()).isEqualTo("FORWARD");
        assertThat(http.get("/config/cfg-value").errorCode()).isEqualTo(40408);
        assertThat(http.delete("/config/cfg-value").errorCode()).isEqualTo(40408);

        RegistryHttp.Reply unknownLevel = http.put("/config", Map.of("compatibility", "SIDEWAYS"));
        assertThat(unknownLevel.status()).isEqualTo(422);
        assertThat(unknownLevel.errorCode()).isEqualTo(42203);
        assertThat(http.put("/config/cfg-value", Map.of("other", "x")).errorCode())
                .isEqualTo(42203);
    }

    @Test
    void answersConfluentErrorCodes() {
        http.register("errors-value", PAYMENT_V1);
        expectError(http.get("/subjects/unknown-value/versions"), 404, 40401);
        expectError(http.get("/subjects/unknown-value/versions/latest"), 404, 40401);
        expectError(http.post("/subjects/unknown-value", Map.of("schema", PAYMENT_V1)), 404, 40401);
        expectError(http.get("/subjects/errors-value/versions/99"), 404, 40402);
        expectError(http.get("/subjects/errors-value/versions/99/schema"), 404, 40402);
        expectError(http.get("/schemas/ids/987654"), 404, 40403);
        expectError(http.get("/schemas/ids/not-a-number"), 404, 40403);
        expectError(http.post("/subjects/errors-value", Map.of("schema", PAYMENT_V2)), 404, 40403);
        expectError(http.get("/subjects/errors-value/versions/0"), 422, 42202);
        expectError(http.get("/subjects/errors-value/versions/abc"), 422, 42202);
        expectError(http.get("/subjects/errors-value/versions/99999999999"), 422, 42202);
        expectError(http.put("/config", Map.of("compatibility", "SOMETIMES")), 422, 42203);
        expectError(http.get("/no/such/path"), 404, 404);
        expectError(http.send("DELETE", "/subjects", null, null), 405, 405);
    }

    @Test
    void rejectsInvalidSchemasAndMalformedRequestsWith4xx() {
        String subject = "/subjects/bad-value/versions";
        expectError(http.post(subject, Map.of("schema", "{\"type\":\"record\",\"name\":\"NoFields\"}")), 422, 42201);
        expectError(http.post(subject, Map.of("schema", "this is not avro")), 422, 42201);
        expectError(
                http.post(
                        subject,
                        Map.of(
                                "schema",
                                "{\"type\":\"record\",\"name\":\"B\",\"fields\":"
                                        + "[{\"name\":\"n\",\"type\":\"int\",\"default\":\"text\"}]}")),
                422,
                42201);
        expectError(http.post(subject, Map.of("schema", "{\"type\":\"nosuchtype\"}")), 422, 42201);
        expectError(http.post(subject, Map.of("schema", PAYMENT_V1, "schemaType", "PROTOBUF")), 422, 42201);
        expectError(
                http.post(
                        subject,
                        Map.of(
                                "schema",
                                PAYMENT_V1,
                                "references",
                                List.of(Map.of("name", "x", "subject", "y", "version", 1)))),
                422,
                42201);
        expectError(http.post(subject, Map.of("schemaType", "AVRO")), 422, 42201);
        expectError(http.post(subject, Map.of("schema", 42)), 422, 42201);

        expectError(http.post(subject, "{\"schema\": "), 400, 400);
        expectError(http.post(subject, "{\"schema\": \"x\"} trailing"), 400, 400);
        expectError(http.post(subject, "not json at all"), 400, 400);
        expectError(http.post(subject, ""), 400, 400);
        expectError(http.post(subject, "[1,2]"), 422, 422);
        expectError(http.post(subject, "{\"schema\":\"a\",\"schema\":\"b\"}"), 400, 400);
        expectError(http.put("/config", "{\"compatibility\":"), 400, 400);
        expectError(
                http.send("POST", subject, RegistryHttp.json(Map.of("schema", PAYMENT_V1)), "text/plain"), 415, 415);
        assertThat(http.get("/subjects").body().toString()).doesNotContain("bad-value");
    }

    @Test
    void acceptsTheUsualContentTypesAndEncodedSubjects() {
        String body = RegistryHttp.json(Map.of("schema", Schemas.record("Typed")));
        assertThat(http.send("POST", "/subjects/typed-json/versions", body, "application/json")
                        .status())
                .isEqualTo(200);
        assertThat(http.send("POST", "/subjects/typed-octet/versions", body, "application/octet-stream")
                        .status())
                .isEqualTo(200);
        assertThat(http.send("POST", "/subjects/typed-none/versions", body, null)
                        .status())
                .isEqualTo(200);
        assertThat(http.send("POST", "/subjects/typed-charset/versions", body, RegistryHttp.SR_JSON + "; charset=utf-8")
                        .status())
                .isEqualTo(200);

        // A subject with characters that need encoding in a path ('/' and ' ').
        assertThat(http.send("POST", "/subjects/team%2Fpayments%20v1/versions", body, null)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/subjects").body().toString()).contains("team/payments v1");
        assertThat(http.get("/subjects/team%2Fpayments%20v1/versions").body().toString())
                .isEqualTo("[1]");
        // A schema sent as a JSON object rather than a string is accepted as meant.
        RegistryHttp.Reply objectSchema =
                http.post("/subjects/typed-object/versions", "{\"schema\":" + Schemas.record("Typed") + "}");
        assertThat(objectSchema.status()).isEqualTo(200);
    }

    @Test
    void servesRootHealthTypesAndMode() {
        RegistryHttp.Reply root = http.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.body().toString()).isEqualTo("{}");
        RegistryHttp.Reply health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(http.get("/schemas/types").body().toString()).isEqualTo("[\"AVRO\"]");
        assertThat(http.get("/mode").body().get("mode").asText()).isEqualTo("READWRITE");
    }

    @Test
    void concurrentRegistrationsGetDistinctIdsAndConsistentVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "Concurrent" + i;
                ids.add(pool.submit(() -> http.register("concurrent-" + name, Schemas.record(name))));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(12);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < 12; i++) {
            assertThat(http.get("/subjects/concurrent-Concurrent" + i + "/versions")
                            .body()
                            .toString())
                    .isEqualTo("[1]");
        }
    }

    private static void expectError(RegistryHttp.Reply reply, int status, int errorCode) {
        assertThat(reply.status()).as("status of %s", reply).isEqualTo(status);
        assertThat(reply.errorCode()).as("error_code of %s", reply).isEqualTo(errorCode);
        assertThat(reply.body().get("message").asText()).isNotBlank();
        assertThat(reply.contentType()).startsWith(RegistryHttp.SR_JSON);
    }
}
