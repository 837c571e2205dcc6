package dev.flinkspipeline.poller.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sandbox's admin API, for scripting logins and faults in tests. */
final class SandboxAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String admin;

    SandboxAdmin(String baseUrl) {
        this.admin = baseUrl + "/sandbox/admin";
    }

    /** A new login (no webhooks) with the given behaviour, e.g. {@code pendingPolls}, {@code pendingForever}. */
    JsonNode createLogin(Map<String, Object> behaviour) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fireWebhooks", false);
        body.put("behaviour", behaviour);
        return call("POST", "/logins", body);
    }

    String newLogin(Map<String, Object> behaviour) {
        return createLogin(behaviour).get("loginId").asText();
    }

    void behaviour(String loginId, Map<String, Object> behaviour) {
        call("PUT", "/logins/" + loginId + "/behaviour", behaviour);
    }

    void fault(Map<String, Object> rule) {
        call("PUT", "/faults", rule);
    }

    void clearFaults() {
        call("DELETE", "/faults", null);
    }

    JsonNode stats() {
        return call("GET", "/stats", null);
    }

    /** Authorize calls made for {@code loginId}. */
    int authorizations(String loginId) {
        JsonNode n = stats().path("authorizeByLoginId").path(loginId);
        return n.isMissingNode() ? 0 : n.asInt();
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin + path))
                    .header("content-type", "application/json");
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
