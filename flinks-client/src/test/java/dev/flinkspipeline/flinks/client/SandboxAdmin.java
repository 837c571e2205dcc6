package dev.flinkspipeline.flinks.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.client.json.FlinksJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Scripts the sandbox through its admin HTTP API (/sandbox/admin). */
final class SandboxAdmin {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    SandboxAdmin(String baseUrl) {
        this.baseUrl = baseUrl + "/sandbox/admin";
    }

    /** A completed login (no webhooks) whose first {@code pendingPolls} GAD/Async calls answer 202. */
    CreatedLogin createLogin(int pendingPolls) throws IOException, InterruptedException {
        JsonNode created = send("POST", "/logins",
                "{\"fireWebhooks\":false,\"behaviour\":{\"pendingPolls\":" + pendingPolls + "}}", 201);
        List<String> accountIds = new ArrayList<>();
        created.get("accountIds").forEach(id -> accountIds.add(id.asText()));
        return new CreatedLogin(created.get("loginId").asText(), accountIds);
    }

    void behaviour(String loginId, String json) throws IOException, InterruptedException {
        send("PUT", "/logins/" + loginId + "/behaviour", json, 200);
    }

    void fault(String json) throws IOException, InterruptedException {
        send("PUT", "/faults", json, 200);
    }

    void clearFaults() throws IOException, InterruptedException {
        send("DELETE", "/faults", null, 200);
    }

    private JsonNode send(String method, String path, String json, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // A pooled keep-alive connection the server has just closed fails before any byte is answered;
            // the admin call itself was not processed, so one retry on a fresh connection is safe.
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return FlinksJson.mapper().readTree(response.body());
    }

    record CreatedLogin(String loginId, List<String> accountIds) {
    }
}
