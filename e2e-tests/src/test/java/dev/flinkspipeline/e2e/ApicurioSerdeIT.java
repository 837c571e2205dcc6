package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.schemas.serde.AvroDeserializer;
import dev.flinkspipeline.schemas.serde.AvroSerdeConfig;
import dev.flinkspipeline.schemas.serde.AvroSerializer;
import dev.flinkspipeline.schemas.serde.SchemaRegistryClient;
import dev.flinkspipeline.schemas.serde.SchemaRegistryException;
import dev.flinkspipeline.tools.stack.ApicurioRegistry;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The project's serde against a registry someone else wrote: the stack's Apicurio Registry (KafkaSQL storage on
 * the stack's broker, global rule BACKWARD_TRANSITIVE), through its Confluent-compatible API. Subjects are named
 * per run, so nothing here meets the pipeline's own subjects. Last in the run: it restarts the registry.
 */
@Order(8)
@ExtendWith(E2eStack.class)
class ApicurioSerdeIT {

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Probe", "namespace": "dev.flinkspipeline.e2e",
             "fields": [{"name": "loginId", "type": "string"}]}""");
    /** Adds a field with a default: data written with V1 stays readable. */
    private static final Schema V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Probe", "namespace": "dev.flinkspipeline.e2e",
             "fields": [{"name": "loginId", "type": "string"},
                        {"name": "institution", "type": "string", "default": "unknown"}]}""");
    /** Adds a field without a default: V1 data cannot be read with it. */
    private static final Schema BREAKING = new Schema.Parser().parse("""
            {"type": "record", "name": "Probe", "namespace": "dev.flinkspipeline.e2e",
             "fields": [{"name": "loginId", "type": "string"},
                        {"name": "accountCount", "type": "int"}]}""");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void theRegistryEnforcesTheProjectsCompatibilityRule() throws Exception {
        HttpResponse<String> config = get("/config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("\"" + ApicurioRegistry.COMPATIBILITY + "\"");
    }

    @Test
    void aRecordWrittenWithARegisteredSchemaIsReadBackByItsId() {
        String topic = "apicurio-it-" + run + ".register";
        byte[] bytes = serializer().serialize(topic, probe(V1, "login-1"));
        int id = schemaId(bytes);

        assertThat(client().schemaById(id)).isEqualTo(V1);
        GenericRecord read = (GenericRecord) deserializer().deserialize(topic, bytes);
        assertThat(read.get("loginId")).hasToString("login-1");
        assertThat(read.getSchema()).isEqualTo(V1);
    }

    @Test
    void aBreakingSchemaIsRefusedAndACompatibleOneAccepted() throws Exception {
        String topic = "apicurio-it-" + run + ".breaking";
        serializer().serialize(topic, probe(V1, "login-1"));

        assertThatThrownBy(() -> serializer().serialize(topic, breaking("login-2")))
                .isInstanceOf(SerializationException.class)
                .cause()
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.isIncompatible()).isTrue();
                });
        assertThat(versions(topic + "-value")).isEqualTo("[1]");

        byte[] v2 = serializer().serialize(topic, probe(V2, "login-3"));
        assertThat(deserializer().deserialize(topic, v2)).isNotNull();
        assertThat(versions(topic + "-value")).isEqualTo("[1,2]");
    }

    /** Every kept version of every event, oldest first, as a registry receives them release after release. */
    @Test
    void theProjectsWholeSchemaHistoryIsAcceptedInOrder() throws IOException {
        Path history = E2eStack.projectRoot().resolve("schemas/src/main/avro-history");
        SchemaRegistryClient client = client();
        int events = 0;
        try (Stream<Path> dirs = Files.list(history)) {
            for (Path event : dirs.filter(Files::isDirectory).sorted().toList()) {
                String subject = "apicurio-it-" + run + ".history." + event.getFileName() + "-value";
                List<Path> versions;
                try (Stream<Path> files = Files.list(event)) {
                    versions = files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
                            .sorted(Comparator.comparingInt(ApicurioSerdeIT::versionOf))
                            .toList();
                }
                assertThat(versions).as(event.toString()).isNotEmpty();
                for (Path version : versions) {
                    Schema schema = new Schema.Parser().parse(version.toFile());
                    assertThat(client.register(subject, schema))
                            .as(version.toString())
                            .isPositive();
                }
                assertThat(versions(subject)).as(subject).isEqualTo(versionList(versions.size()));
                events++;
            }
        }
        assertThat(events).isGreaterThanOrEqualTo(6);
    }

    /** KafkaSQL: the registry's state is its journal topic, so a restarted registry knows every id it gave. */
    @Test
    void idsAreKeptAcrossARegistryRestart() throws Exception {
        String topic = "apicurio-it-" + run + ".restart";
        byte[] before = serializer().serialize(topic, probe(V1, "login-1"));
        int id = schemaId(before);

        LocalStack stack = E2eStack.stack();
        stack.stop(Component.REGISTRY);
        stack.start(Component.REGISTRY);

        // Fresh clients: nothing cached from before the restart.
        GenericRecord read = (GenericRecord) deserializer().deserialize(topic, before);
        assertThat(read.get("loginId")).hasToString("login-1");
        assertThat(schemaId(serializer().serialize(topic, probe(V1, "login-2"))))
                .isEqualTo(id);
        assertThat(get("/schemas/ids/" + id).statusCode()).isEqualTo(200);
    }

    /** The subject's version numbers, as the registry lists them (JSON array, blanks removed). */
    private static String versions(String subject) throws IOException {
        HttpResponse<String> answer = get("/subjects/" + subject + "/versions");
        assertThat(answer.statusCode()).as(subject).isEqualTo(200);
        return answer.body().replaceAll("\\s", "");
    }

    private static String versionList(int count) {
        StringBuilder list = new StringBuilder("[");
        for (int v = 1; v <= count; v++) {
            list.append(v == 1 ? "" : ",").append(v);
        }
        return list.append(']').toString();
    }

    private static int versionOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf('.')));
    }

    private static GenericRecord probe(Schema schema, String loginId) {
        GenericData.Record record = new GenericData.Record(schema);
        record.put("loginId", loginId);
        if (schema.getField("institution") != null) {
            record.put("institution", "FlinksCapital");
        }
        return record;
    }

    private static GenericRecord breaking(String loginId) {
        GenericData.Record record = new GenericData.Record(BREAKING);
        record.put("loginId", loginId);
        record.put("accountCount", 2);
        return record;
    }

    private static int schemaId(byte[] bytes) {
        assertThat(bytes[0]).as("magic byte").isZero();
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    private static String registryUrl() {
        return E2eStack.stack().registryUrl();
    }

    private static Map<String, Object> serdeConfig() {
        return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
    }

    private static AvroSerializer serializer() {
        return AvroSerializer.create(serdeConfig(), false);
    }

    private static AvroDeserializer deserializer() {
        return AvroDeserializer.create(serdeConfig(), false);
    }

    private static SchemaRegistryClient client() {
        return SchemaRegistryClient.fromConfig(serdeConfig());
    }

    private static HttpResponse<String> get(String path) throws IOException {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(registryUrl() + path))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
