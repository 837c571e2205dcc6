package dev.flinkspipeline.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.tools.http.JsonHttp;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** What the app's back end and the customer's browser do with ingest-service. */
public final class IngestClient {

    private final JsonHttp http = new JsonHttp();
    private final String baseUrl;
    private final String apiKey;

    public IngestClient(String ingestUrl, String apiKey) {
        this.baseUrl = ingestUrl.replaceAll("/+$", "");
        this.apiKey = apiKey;
    }

    /** A Connect session: the iframe URL to open, and the signed tag it carries. */
    public record ConnectSession(String connectUrl, String tag, JsonNode raw) {
    }

    /** {@code POST /connect/sessions} in the deployment's default flow. */
    public ConnectSession createSession(String userReference) {
        return createSession(userReference, null);
    }

    /**
     * {@code POST /connect/sessions}: what the app's back end calls before showing Connect, asking for
     * {@code flow} (null: the deployment's default).
     */
    public ConnectSession createSession(String userReference, Flow flow) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userReference", userReference);
        body.put("demo", true);
        if (flow != null) {
            body.put("flow", flow.label());
        }
        JsonHttp.Answer answer = http.postJson(baseUrl + "/connect/sessions", body, Map.of("X-API-Key", apiKey));
        if (!answer.ok()) {
            throw new IllegalStateException("ingest: POST /connect/sessions answered " + answer.status() + ": "
                    + answer.body());
        }
        JsonNode json = answer.json();
        String url = json.path("connectUrl").asText(null);
        if (url == null) {
            url = json.path("url").asText(null);
        }
        if (url == null) {
            throw new IllegalStateException("ingest: no Connect URL in " + answer.body());
        }
        String tag = json.path("tag").asText(null);
        if (tag == null) {
            tag = queryParameter(url, "tag");
        }
        return new ConnectSession(url, tag, json);
    }

    /**
     * {@code GET /connect/callback}: where Connect sends the browser once the customer is done. Returns the
     * HTTP status (302 to the app's page when accepted).
     */
    public JsonHttp.Answer callback(String loginId, String institution, String tag, List<String> accountIds) {
        StringJoiner query = new StringJoiner("&");
        query.add("loginId=" + encode(loginId));
        query.add("institution=" + encode(institution));
        if (tag != null) {
            query.add("tag=" + encode(tag));
        }
        for (String accountId : accountIds) {
            query.add("accountId=" + encode(accountId));
        }
        return http.get(baseUrl + "/connect/callback?" + query, Map.of());
    }

    public String webhookUrl() {
        return baseUrl + "/webhooks/flinks";
    }

    static String queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
