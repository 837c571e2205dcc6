package dev.flinkspipeline.testkit.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.flinkspipeline.testkit.registry.core.RegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The parts of an HTTP request the API needs: method, decoded path segments, query, JSON body. */
final class HttpRequest {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final Set<String> ACCEPTED_MEDIA_TYPES = Set.of(
            "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
            "application/json", "application/octet-stream");

    private final HttpExchange exchange;
    private final ObjectMapper json;
    final String method;
    final List<String> segments;
    private final Map<String, String> query;

    HttpRequest(HttpExchange exchange, ObjectMapper json) {
        this.exchange = exchange;
        this.json = json;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.segments = segments(exchange.getRequestURI().getRawPath());
        this.query = query(exchange.getRequestURI().getRawQuery());
    }

    boolean flag(String name) {
        return "true".equalsIgnoreCase(query.get(name));
    }

    /** The body as a JSON object: 415 for a foreign content type, 413 when too large, 400/422 when not an object. */
    JsonNode jsonBody() {
        requireAcceptedContentType();
        byte[] body = readBody();
        if (body.length == 0) {
            throw RegistryException.badRequest("Request body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw RegistryException.badRequest("Malformed JSON in request body: " + e.getOriginalMessage()
                    + (e.getLocation() == null
                            ? ""
                            : " at line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw RegistryException.badRequest("Unreadable request body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RegistryException(422, 422, "Request body must be a JSON object");
        }
        return node;
    }

    private void requireAcceptedContentType() {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_MEDIA_TYPES.contains(mediaType)) {
            throw new RegistryException(
                    415, 415, "Unsupported Media Type '" + mediaType + "'; use one of " + ACCEPTED_MEDIA_TYPES);
        }
    }

    private byte[] readBody() {
        try (InputStream in = exchange.getRequestBody()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + read > MAX_BODY_BYTES) {
                    throw new RegistryException(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
                }
                out.write(buffer, 0, read);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw RegistryException.badRequest("Could not read request body: " + e.getMessage());
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath == null) {
            return segments;
        }
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(percentDecode(raw));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(percentDecode(parts[0]), parts.length > 1 ? percentDecode(parts[1].replace('+', ' ')) : "");
        }
        return query;
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike form decoding; subjects may contain '/'). */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw RegistryException.badRequest("Invalid percent-encoding in URL");
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw RegistryException.badRequest("Invalid percent-encoding in URL");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
