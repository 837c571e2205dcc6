package dev.flinkspipeline.flinks.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer ready to send: status, content type, exact body bytes and extra headers. */
public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    public static Reply json(int status, byte[] body) {
        return new Reply(status, JSON, body, Map.of());
    }

    public static Reply json(int status, JsonNode body) {
        return json(status, Json.bytes(body));
    }

    public static Reply html(int status, String html) {
        return new Reply(status, HTML, html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static Reply redirect(String location) {
        return new Reply(302, HTML, new byte[0], Map.of("Location", location));
    }
}
