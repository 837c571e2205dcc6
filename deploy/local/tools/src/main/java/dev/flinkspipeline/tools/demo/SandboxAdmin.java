package dev.flinkspipeline.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.tools.http.JsonHttp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Flinks sandbox's admin API ({@code /sandbox/admin}): scripted customers, without a browser. */
public final class SandboxAdmin {

    /** The sandbox's (and Flinks toolbox's) only institution. */
    public static final String INSTITUTION = "FlinksCapital";

    private final JsonHttp http = new JsonHttp();
    private final String baseUrl;

    public SandboxAdmin(String sandboxUrl) {
        this.baseUrl = sandboxUrl.replaceAll("/+$", "") + "/sandbox/admin";
    }

    /** A login the sandbox created: its id and the ids of its accounts. */
    public record CreatedLogin(String loginId, String username, List<String> accountIds, JsonNode raw) {
    }

    /**
     * Creates a fresh login (a new loginId each time) of toolbox user {@code username}.
     *
     * @param webhookUrl where the sandbox pushes this login's KYC and GetAccountsDetail webhooks, or null
     * @param fireWebhooks false: no webhook for this login (the standard flow, where we poll)
     * @param tag the Connect tag that the webhooks carry, or null
     * @param behaviour sandbox behaviour overrides (e.g. {@code {"authorizeFlinksCode":"DISABLED_LOGIN"}}), or null
     */
    public CreatedLogin createLogin(String username, String webhookUrl, boolean fireWebhooks, String tag,
                                    Map<String, Object> behaviour) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("newLogin", true);
        body.put("fireWebhooks", fireWebhooks);
        if (webhookUrl != null) {
            body.put("webhookUrl", webhookUrl);
        }
        if (tag != null) {
            body.put("tag", tag);
        }
        if (behaviour != null && !behaviour.isEmpty()) {
            body.put("behaviour", behaviour);
        }
        JsonHttp.Answer answer = http.postJson(baseUrl + "/logins", body, Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("sandbox admin: creating a login answered " + answer.status() + ": "
                    + answer.body());
        }
        JsonNode json = answer.json();
        List<String> accounts = new ArrayList<>();
        json.path("accountIds").forEach(id -> accounts.add(id.asText()));
        return new CreatedLogin(json.path("loginId").asText(), json.path("username").asText(username), accounts, json);
    }

    /** Webhook deliveries the sandbox attempted for {@code loginId} (attempts, statuses). */
    public JsonNode webhookDeliveries(String loginId) {
        return http.get(baseUrl + "/webhooks/deliveries?loginId=" + loginId, Map.of()).json();
    }

    /** Changes the global webhook settings, e.g. {@code {"retryDelay":"500ms"}}. */
    public JsonNode updateWebhooks(Map<String, Object> settings) {
        JsonHttp.Answer answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/webhooks"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(write(settings)))
                .build());
        if (!answer.ok()) {
            throw new IllegalStateException("sandbox admin: webhook settings answered " + answer.status() + ": "
                    + answer.body());
        }
        return answer.json();
    }

    public JsonNode stats() {
        return http.get(baseUrl + "/stats", Map.of()).json();
    }

    private static String write(Object value) {
        try {
            return JsonHttp.MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
