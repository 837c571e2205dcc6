package dev.flinkspipeline.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * A client of the Confluent Schema Registry REST API subset the serde needs (served by Confluent SR,
 * Apicurio's ccompat API, Karapace, Redpanda), with caches both ways: schema to id
 * per subject, and id to schema. Ids never change meaning in a registry, so both caches never expire;
 * only "latest version of a subject" expires (configurable).
 *
 * <p>Several URLs may be given: on a connection failure or timeout the next one is tried. Thread-safe.
 */
public final class SchemaRegistryClient {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    /** A version of a subject. */
    public record RegisteredSchema(String subject, int version, int id, Schema schema) {}

    private record Timed<T>(T value, long fetchedAtNanos) {}

    private final List<URI> urls;
    private final Duration requestTimeout;
    private final String authorization;
    private final Duration latestTtl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger preferredUrl = new AtomicInteger();

    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Timed<RegisteredSchema>> latestBySubject = new ConcurrentHashMap<>();

    /**
     * @param urls           registry base URLs, tried in order on connection failures
     * @param requestTimeout connect and request timeout of each HTTP call
     * @param basicUserInfo  {@code user:password} for HTTP Basic authentication, or null
     * @param latestTtl      how long a "latest version" answer is reused; null or negative = forever
     */
    public SchemaRegistryClient(List<URI> urls, Duration requestTimeout, String basicUserInfo, Duration latestTtl) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is required");
        }
        this.urls = List.copyOf(urls);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.authorization = basicUserInfo == null
                ? null
                : "Basic " + Base64.getEncoder().encodeToString(basicUserInfo.getBytes(StandardCharsets.UTF_8));
        this.latestTtl = latestTtl == null || latestTtl.isNegative() ? null : latestTtl;
        this.http = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A client configured from the serde's config keys (see {@link AvroSerdeConfig}). */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        return new SchemaRegistryClient(
                config.registryUrls(), config.requestTimeout(), config.basicUserInfo(), config.latestCacheTtl());
    }

    /** The registry URLs, without credentials. */
    public List<String> urls() {
        return urls.stream().map(SchemaRegistryClient::redact).toList();
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op answer when it already is) and returns its
     * global id. Cached: a schema is sent once per subject and client.
     *
     * @throws SchemaRegistryException e.g. 409 when incompatible with the subject's earlier versions
     */
    public int register(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject) + "/versions");
    }

    /**
     * The id of {@code schema} as already registered under {@code subject}, without registering it.
     *
     * @throws SchemaRegistryException 404 (40401 or 40403) when it is not registered there
     */
    public int lookup(String subject, Schema schema) {
        return cachedId(subject, schema, "/subjects/" + encode(subject));
    }

    // get-then-put rather than computeIfAbsent: no HTTP call while holding a map lock
    private int cachedId(String subject, Schema schema, String path) {
        Map<Schema, Integer> ids = idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>());
        Integer cached = ids.get(schema);
        if (cached != null) {
            return cached;
        }
        int id = requiredInt(call("POST", path, body(schema)), "id");
        schemasById.putIfAbsent(id, schema);
        ids.put(schema, id);
        return id;
    }

    /** The latest version registered under {@code subject} (cached for the configured TTL). */
    public RegisteredSchema latestVersion(String subject) {
        Timed<RegisteredSchema> cached = latestBySubject.get(subject);
        if (cached != null
                && (latestTtl == null || System.nanoTime() - cached.fetchedAtNanos() < latestTtl.toNanos())) {
            return cached.value();
        }
        JsonNode answer = call("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        int id = requiredInt(answer, "id");
        Schema schema = schemasById.get(id);
        if (schema == null) {
            schema = parse(answer, "schema id " + id);
            schemasById.putIfAbsent(id, schema);
        }
        RegisteredSchema latest = new RegisteredSchema(subject, requiredInt(answer, "version"), id, schema);
        latestBySubject.put(subject, new Timed<>(latest, System.nanoTime()));
        return latest;
    }

    /**
     * The schema with global id {@code id}. Cached forever once found; an unknown id is asked again
     * next time (the registry may have caught up).
     *
     * @throws SchemaRegistryException 404 (40403) when the registry does not know the id
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = parse(call("GET", "/schemas/ids/" + id, null), "schema id " + id);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    private String body(Schema schema) {
        return json.createObjectNode().put("schema", schema.toString()).toString();
    }

    private Schema parse(JsonNode answer, String what) {
        JsonNode type = answer.get("schemaType");
        if (type != null && type.isTextual() && !"AVRO".equals(type.asText().toUpperCase(Locale.ROOT))) {
            throw new SchemaRegistryException(
                    200, -1, urls().toString(), what + " is a " + type.asText() + " schema, not Avro", null);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException(
                    200, -1, urls().toString(), "the registry's answer for " + what + " has no 'schema' text", null);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(
                    200,
                    -1,
                    urls().toString(),
                    "the registry returned an unparsable Avro schema for " + what + ": " + e.getMessage(),
                    e);
        }
    }

    private static int requiredInt(JsonNode answer, String field) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw new SchemaRegistryException(
                    200,
                    -1,
                    null,
                    "the registry's answer has no integer '" + field + "': " + abbreviate(answer.toString()),
                    null);
        }
        return value.asInt();
    }

    /** One HTTP call, failing over to the next URL when one cannot be reached. */
    private JsonNode call(String method, String path, String body) {
        List<String> failures = new ArrayList<>();
        int start = Math.floorMod(preferredUrl.get(), urls.size());
        IOException last = null;
        for (int i = 0; i < urls.size(); i++) {
            int index = (start + i) % urls.size();
            URI base = urls.get(index);
            try {
                JsonNode answer = send(base, method, path, body);
                preferredUrl.set(index);
                return answer;
            } catch (HttpTimeoutException e) {
                last = e;
                failures.add(redact(base) + " (timed out after " + requestTimeout.toMillis() + " ms)");
            } catch (IOException e) {
                last = e;
                failures.add(redact(base) + " (" + describe(e) + ")");
            }
        }
        throw new SchemaRegistryException.Unreachable(
                urls().toString(), "schema registry unreachable: " + String.join(", ", failures), last);
    }

    private JsonNode send(URI base, String method, String path, String body) throws IOException {
        URI uri = URI.create(stripUserInfo(base).toString().replaceAll("/+$", "") + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", ACCEPT)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        String auth = authorization != null ? authorization : urlAuthorization(base);
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted while calling the schema registry", e);
        }
        JsonNode answer;
        try {
            answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300 && answer != null && answer.isObject()) {
            return answer;
        }
        int errorCode = answer != null && answer.path("error_code").canConvertToInt()
                ? answer.path("error_code").asInt()
                : -1;
        String message = answer != null && answer.path("message").isTextual()
                ? answer.path("message").asText()
                : "body: " + abbreviate(response.body());
        throw new SchemaRegistryException(
                status,
                errorCode,
                redact(base),
                method + " " + path + " answered HTTP " + status + (errorCode >= 0 ? " (error " + errorCode + ")" : "")
                        + ": " + message,
                null);
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        String message = e.getMessage() != null
                ? e.getMessage()
                : cause != null && cause.getMessage() != null
                        ? cause.getMessage()
                        : cause != null ? cause.getClass().getSimpleName() : "";
        return message.isEmpty() ? name : name + ": " + message;
    }

    private static String urlAuthorization(URI base) {
        String userInfo = base.getRawUserInfo();
        if (userInfo == null) {
            return null;
        }
        String decoded = URLDecoder.decode(userInfo, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
    }

    private static URI stripUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    /** The URL for messages and logs: never with credentials. */
    static String redact(URI uri) {
        return stripUserInfo(uri).toString();
    }

    /** A URL text for messages: without credentials, even when it does not parse. */
    static String redactText(String url) {
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
