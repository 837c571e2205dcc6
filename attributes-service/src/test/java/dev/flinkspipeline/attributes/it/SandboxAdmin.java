package dev.flinkspipeline.attributes.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** The sandbox's admin API over HTTP, as a test script uses it. */
final class SandboxAdmin {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    SandboxAdmin(String sandboxBaseUrl) {
        this.base = sandboxBaseUrl + "/sandbox/admin";
    }

    /** A completed login, ready at once (or after {@code pendingPolls} 202s), without webhooks. */
    Login createLogin(int pendingPolls) {
        ObjectNode body = JSON.createObjectNode().put("fireWebhooks", false);
        body.putObject("behaviour").put("pendingPolls", pendingPolls);
        JsonNode answer = call("POST", "/logins", body);
        List<String> accountIds = new ArrayList<>();
        answer.get("accountIds").forEach(id -> accountIds.add(id.asText()));
        List<Account> accounts = new ArrayList<>();
        answer.path("accounts").forEach(a -> accounts.add(new Account(a.path("id").asText(),
                a.path("type").asText(null), a.path("category").asText(null))));
        return new Login(answer.get("loginId").asText(), accountIds, accounts);
    }

    record Login(String loginId, List<String> accountIds, List<Account> accounts) {
    }

    record Account(String id, String type, String category) {
    }

    void behaviour(String loginId, ObjectNode behaviour) {
        call("PUT", "/logins/" + loginId + "/behaviour", behaviour);
    }

    void fault(ObjectNode rule) {
        call("PUT", "/faults", rule);
    }

    void clearFaults() {
        call("DELETE", "/faults", null);
    }

    long authorizeCalls(String loginId) {
        JsonNode n = call("GET", "/stats", null).path("authorizeByLoginId").path(loginId);
        return n.isMissingNode() ? 0 : n.asLong();
    }

    long calls(String endpoint) {
        return call("GET", "/stats", null).path("endpoints").path(endpoint).path("calls").asLong(0);
    }

    static ObjectNode json() {
        return JSON.createObjectNode();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.toString()));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
