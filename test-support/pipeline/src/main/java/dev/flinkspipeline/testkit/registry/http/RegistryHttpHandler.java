package dev.flinkspipeline.testkit.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.flinkspipeline.testkit.registry.core.CompatibilityLevel;
import dev.flinkspipeline.testkit.registry.core.RegistryException;
import dev.flinkspipeline.testkit.registry.core.SchemaRegistryService;
import dev.flinkspipeline.testkit.registry.core.SchemaRequest;
import dev.flinkspipeline.testkit.registry.core.StoreRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API subset, mapped onto {@link SchemaRegistryService}. Every answer, errors
 * included, is JSON of type {@code application/vnd.schemaregistry.v1+json}.
 */
public final class RegistryHttpHandler implements HttpHandler {

    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger log = LoggerFactory.getLogger(RegistryHttpHandler.class);

    private final SchemaRegistryService registry;
    private final ObjectMapper json;

    public RegistryHttpHandler(SchemaRegistryService registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Reply reply;
            try {
                reply = route(new HttpRequest(exchange, json));
            } catch (RegistryException e) {
                if (e.httpStatus() >= 500) {
                    log.warn(
                            "{} {} failed: {}",
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(),
                            e.getMessage());
                }
                reply = error(e.httpStatus(), e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                log.error(
                        "{} {} failed unexpectedly",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(),
                        e);
                reply = error(500, 500, "Internal Server Error: " + e.getClass().getSimpleName());
            }
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpRequest request) {
        List<String> path = request.segments;
        String method = request.method;
        if (path.isEmpty()) {
            return only(method, "GET", () -> ok(json.createObjectNode()));
        }
        String root = path.get(0);
        int size = path.size();
        switch (root) {
            case "health" -> {
                if (size == 1) {
                    return only(method, "GET", this::health);
                }
            }
            case "schemas" -> {
                if (size == 2 && "types".equals(path.get(1))) {
                    return only(method, "GET", () -> ok(json.createArrayNode().add("AVRO")));
                }
                if (size >= 3 && size <= 4 && "ids".equals(path.get(1))) {
                    int id = schemaId(path.get(2));
                    String tail = size == 4 ? path.get(3) : "";
                    return switch (tail) {
                        case "" ->
                            only(
                                    method,
                                    "GET",
                                    () -> ok(json.createObjectNode().put("schema", registry.schemaById(id))));
                        case "schema" -> only(method, "GET", () -> rawSchema(registry.schemaById(id)));
                        case "subjects" -> only(method, "GET", () -> ok(subjectsOf(id)));
                        case "versions" -> only(method, "GET", () -> ok(versionsOf(id)));
                        default -> notFound();
                    };
                }
            }
            case "subjects" -> {
                return subjects(request, path, method);
            }
            case "compatibility" -> {
                if ((size == 4 || size == 5) && "subjects".equals(path.get(1)) && "versions".equals(path.get(3))) {
                    String subject = path.get(2);
                    String version = size == 5 ? path.get(4) : null;
                    return only(method, "POST", () -> compatibility(request, subject, version));
                }
            }
            case "config" -> {
                if (size == 1) {
                    return switch (method) {
                        case "GET" -> ok(level("compatibilityLevel", registry.globalLevel()));
                        case "PUT" ->
                            ok(level("compatibility", registry.setGlobalLevel(levelFrom(request.jsonBody()))));
                        default -> methodNotAllowed();
                    };
                }
                if (size == 2) {
                    String subject = path.get(1);
                    return switch (method) {
                        case "GET" ->
                            ok(level(
                                    "compatibilityLevel",
                                    registry.subjectLevel(subject, request.flag("defaultToGlobal"))));
                        case "PUT" ->
                            ok(level(
                                    "compatibility", registry.setSubjectLevel(subject, levelFrom(request.jsonBody()))));
                        case "DELETE" -> ok(level("compatibilityLevel", registry.deleteSubjectLevel(subject)));
                        default -> methodNotAllowed();
                    };
                }
            }
            case "mode" -> {
                // Always read-write: clients that probe the mode get Confluent's default answer.
                if (size <= 2) {
                    return only(method, "GET", () -> ok(json.createObjectNode().put("mode", "READWRITE")));
                }
            }
            default -> {
                return notFound();
            }
        }
        return notFound();
    }

    private Reply subjects(HttpRequest request, List<String> path, String method) {
        int size = path.size();
        if (size == 1) {
            return only(method, "GET", () -> ok(array(registry.subjects())));
        }
        String subject = path.get(1);
        if (size == 2) {
            return only(method, "POST", () -> {
                StoreRecord.SchemaVersion found = registry.lookup(subject, schemaRequest(request.jsonBody()));
                return ok(version(found));
            });
        }
        if (!"versions".equals(path.get(2)) || size > 5) {
            return notFound();
        }
        if (size == 3) {
            return switch (method) {
                case "GET" -> ok(array(registry.versions(subject)));
                case "POST" ->
                    ok(json.createObjectNode()
                            .put("id", registry.register(subject, schemaRequest(request.jsonBody()))));
                default -> methodNotAllowed();
            };
        }
        String version = path.get(3);
        String tail = size == 5 ? path.get(4) : "";
        return switch (tail) {
            case "" -> only(method, "GET", () -> ok(version(registry.version(subject, version))));
            case "schema" ->
                only(
                        method,
                        "GET",
                        () -> rawSchema(registry.version(subject, version).schema()));
            case "referencedby" ->
                only(method, "GET", () -> {
                    registry.version(subject, version);
                    return ok(json.createArrayNode());
                });
            default -> notFound();
        };
    }

    private Reply compatibility(HttpRequest request, String subject, String version) {
        List<String> problems = registry.testCompatibility(subject, version, schemaRequest(request.jsonBody()));
        ObjectNode body = json.createObjectNode().put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            ArrayNode messages = body.putArray("messages");
            problems.forEach(messages::add);
        }
        return ok(body);
    }

    private Reply health() {
        boolean healthy = registry.healthy();
        ObjectNode body =
                json.createObjectNode().put("status", healthy ? "UP" : "DOWN").put("schemas", registry.schemaCount());
        if (!healthy) {
            body.put("reason", "the last write to Kafka failed; the next write resynchronises from the topic");
        }
        return new Reply(healthy ? 200 : 503, body);
    }

    private ArrayNode subjectsOf(int id) {
        ArrayNode subjects = json.createArrayNode();
        registry.usagesOf(id).stream()
                .map(StoreRecord.SchemaVersion::subject)
                .distinct()
                .forEach(subjects::add);
        return subjects;
    }

    private ArrayNode versionsOf(int id) {
        ArrayNode versions = json.createArrayNode();
        registry.usagesOf(id)
                .forEach(v -> versions.addObject().put("subject", v.subject()).put("version", v.version()));
        return versions;
    }

    private ObjectNode version(StoreRecord.SchemaVersion version) {
        return json.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private Reply rawSchema(String schema) {
        try {
            return ok(json.readTree(schema));
        } catch (IOException e) {
            throw new IllegalStateException("stored schema is not JSON", e);
        }
    }

    private SchemaRequest schemaRequest(JsonNode body) {
        JsonNode schema = body.get("schema");
        String text;
        if (schema == null || schema.isNull()) {
            throw RegistryException.invalidSchema("the request has no 'schema' field");
        } else if (schema.isTextual()) {
            text = schema.asText();
        } else if (schema.isObject() || schema.isArray()) {
            // Lenient: a schema given as JSON rather than as a JSON string is what the client meant anyway.
            text = schema.toString();
        } else {
            throw RegistryException.invalidSchema("'schema' must be a string holding the schema JSON");
        }
        JsonNode type = body.get("schemaType");
        if (type != null && !type.isNull() && !type.isTextual()) {
            throw RegistryException.invalidSchema("'schemaType' must be a string");
        }
        JsonNode references = body.get("references");
        int referenceCount = 0;
        if (references != null && !references.isNull()) {
            if (!references.isArray()) {
                throw new RegistryException(422, 422, "'references' must be an array");
            }
            referenceCount = references.size();
        }
        return new SchemaRequest(text, type == null || type.isNull() ? null : type.asText(), referenceCount);
    }

    private static String levelFrom(JsonNode body) {
        JsonNode level = body.hasNonNull("compatibility") ? body.get("compatibility") : body.get("compatibilityLevel");
        if (level == null || !level.isTextual()) {
            throw RegistryException.invalidCompatibilityLevel(level == null ? "(missing)" : level.toString());
        }
        return level.asText();
    }

    private ObjectNode level(String field, CompatibilityLevel level) {
        return json.createObjectNode().put(field, level.name());
    }

    private ArrayNode array(List<?> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(v -> {
            if (v instanceof Integer i) {
                array.add(i);
            } else {
                array.add(String.valueOf(v));
            }
        });
        return array;
    }

    private static int schemaId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new RegistryException(404, 40403, "Schema '" + raw + "' not found: ids are integers");
        }
    }

    private Reply only(String method, String allowed, Supplier<Reply> action) {
        return allowed.equals(method) ? action.get() : methodNotAllowed();
    }

    private Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    private Reply notFound() {
        return error(404, 404, "HTTP 404 Not Found");
    }

    private Reply methodNotAllowed() {
        return error(405, 405, "HTTP 405 Method Not Allowed");
    }

    private Reply error(int status, int code, String message) {
        return new Reply(status, json.createObjectNode().put("error_code", code).put("message", message));
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = json.writeValueAsString(reply.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private record Reply(int status, JsonNode body) {}
}
