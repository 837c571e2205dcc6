package dev.flinkspipeline.flinks.sandbox.admin.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Client of the sandbox's admin API ({@code /sandbox/admin}, see the module README): scripted logins and their
 * behaviour, fault injection, accepted credentials, webhook settings and deliveries, call statistics and
 * reset. Thread-safe.
 *
 * <p>Every call either returns the sandbox's answer or throws {@link SandboxAdminException} (unexpected
 * status, unreachable sandbox, unparsable answer).
 */
public final class SandboxAdminClient {

    /** The sandbox's (and the Flinks toolbox's) only institution, as Connect redirects name it. */
    public static final String INSTITUTION = LoginDataGenerator.INSTITUTION;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 500;

    private final HttpClient http;
    private final String admin;
    private final Duration requestTimeout;

    /** @param sandboxBaseUrl the sandbox's base URL, e.g. {@code http://127.0.0.1:8090} */
    public SandboxAdminClient(String sandboxBaseUrl) {
        this(sandboxBaseUrl, Duration.ofSeconds(10));
    }

    public SandboxAdminClient(String sandboxBaseUrl, Duration requestTimeout) {
        Objects.requireNonNull(sandboxBaseUrl, "sandboxBaseUrl");
        if (!sandboxBaseUrl.startsWith("http://") && !sandboxBaseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("sandboxBaseUrl must be an http(s) URL: " + sandboxBaseUrl);
        }
        this.admin = sandboxBaseUrl.replaceAll("/+$", "") + "/sandbox/admin";
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    // ---- logins

    /** Creates a login as described; the sandbox starts its aggregation at once. */
    public CreatedLogin createLogin(NewLogin login) {
        return CreatedLogin.fromJson(send("POST", "/logins", login.toBody(), 201));
    }

    /** A login without webhooks whose first {@code pendingPolls} GetAccountsDetail(Async) calls answer 202. */
    public CreatedLogin createLogin(int pendingPolls) {
        return createLogin(NewLogin.withoutWebhooks().withBehaviour(Map.of("pendingPolls", pendingPolls)));
    }

    /** A login without webhooks, with behaviour overrides (e.g. {@code {"authorizeFlinksCode":"DISABLED_LOGIN"}}). */
    public CreatedLogin createLogin(Map<String, ?> behaviour) {
        return createLogin(NewLogin.withoutWebhooks().withBehaviour(behaviour));
    }

    /** The login as the sandbox knows it (readiness, behaviour, accounts). */
    public CreatedLogin login(String loginId) {
        return CreatedLogin.fromJson(send("GET", "/logins/" + segment(loginId), null, 200));
    }

    /** Changes a login's behaviour; fields left out keep their value. */
    public CreatedLogin behaviour(String loginId, Map<String, ?> behaviour) {
        return CreatedLogin.fromJson(send("PUT", "/logins/" + segment(loginId) + "/behaviour", behaviour, 200));
    }

    public CreatedLogin behaviour(String loginId, JsonNode behaviour) {
        return CreatedLogin.fromJson(send("PUT", "/logins/" + segment(loginId) + "/behaviour", behaviour, 200));
    }

    // ---- faults

    /**
     * Adds a fault rule (replacing the rule of the same endpoint), e.g.
     * {@code {"endpoint":"Authorize","retryLaterShare":1.0,"count":2}}, or a gateway refusing us (HTML, no
     * Flinks envelope) {@code {"endpoint":"*","unauthorizedShare":1.0,"unauthorizedStatus":403}}; answers
     * the rules now in force. The fields are those of the README's {@code PUT /faults}.
     */
    public JsonNode fault(Map<String, ?> rule) {
        return send("PUT", "/faults", rule, 200);
    }

    public JsonNode fault(JsonNode rule) {
        return send("PUT", "/faults", rule, 200);
    }

    public JsonNode faults() {
        return send("GET", "/faults", null, 200);
    }

    public void clearFaults() {
        send("DELETE", "/faults", null, 200);
    }

    // ---- credentials

    /**
     * Switches the secret key ({@code flinks-auth-key} of GenerateAuthorizeToken) and/or the x-api-key the
     * sandbox accepts from now on, as a rotated or revoked key would; null leaves that key as it is. Answers
     * {@code {"secretKeyChanged":bool,"apiKeyChanged":bool}} (never the values).
     */
    public JsonNode credentials(String secretKeyOrNull, String apiKeyOrNull) {
        if (secretKeyOrNull == null && apiKeyOrNull == null) {
            throw new IllegalArgumentException("a secret key or an API key is required");
        }
        Map<String, String> body = new LinkedHashMap<>();
        if (secretKeyOrNull != null) {
            body.put("secretKey", secretKeyOrNull);
        }
        if (apiKeyOrNull != null) {
            body.put("apiKey", apiKeyOrNull);
        }
        return send("PUT", "/credentials", body, 200);
    }

    /** {@code {"secretKeyChanged":bool,"apiKeyChanged":bool}}: whether each key differs from the configured one. */
    public JsonNode credentials() {
        return send("GET", "/credentials", null, 200);
    }

    /** Back to the configured secret key and x-api-key ({@link #reset()} does it too). */
    public void restoreCredentials() {
        send("DELETE", "/credentials", null, 200);
    }

    // ---- webhooks

    public JsonNode webhookSettings() {
        return send("GET", "/webhooks", null, 200);
    }

    /**
     * Changes the global webhook settings ({@code url}, {@code secret}, {@code header}, {@code maxAttempts},
     * {@code retryDelayMs}, {@code timeoutMs}, {@code kyc}, {@code duplicate}, {@code outOfOrder});
     * answers the settings now in force.
     */
    public JsonNode updateWebhooks(Map<String, ?> settings) {
        return send("PUT", "/webhooks", settings, 200);
    }

    /** Webhook deliveries the sandbox attempted for {@code loginId} (attempts, statuses). */
    public JsonNode webhookDeliveries(String loginId) {
        return send(
                "GET", "/webhooks/deliveries?loginId=" + URLEncoder.encode(loginId, StandardCharsets.UTF_8), null, 200);
    }

    // ---- stats and reset

    /**
     * {@code {"endpoints":{"Authorize":{"calls":3,"statuses":{"200":2,"401":1}}},"authorizeByLoginId":{...},
     * "callsByLoginId":{"<loginId>":{"Authorize":1,...}}}}
     */
    public JsonNode stats() {
        return send("GET", "/stats", null, 200);
    }

    /** Calls that reached an API endpoint (e.g. {@code "GetAccountsDetailAsync"}) since start or reset. */
    public long calls(String endpoint) {
        return stats().path("endpoints").path(endpoint).path("calls").asLong(0);
    }

    /** Authorize calls made for {@code loginId} since start or reset. */
    public long authorizeCalls(String loginId) {
        return stats().path("authorizeByLoginId").path(loginId).asLong(0);
    }

    /**
     * API calls made for {@code loginId} since start or reset, per endpoint ({@code Authorize},
     * {@code GetAccountsDetail}, {@code GetAccountsDetailAsync}, {@code Attributes}), sorted by endpoint.
     * Endpoints the login never called are absent (not 0), so {@code isEqualTo(Map.of("Authorize", 1L))}
     * also proves there was no other call. Calls answered by errors or injected faults are included.
     */
    public Map<String, Long> callsOf(String loginId) {
        JsonNode calls =
                send("GET", "/stats/logins/" + segment(loginId), null, 200).path("calls");
        Map<String, Long> out = new TreeMap<>();
        calls.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return Collections.unmodifiableMap(out);
    }

    /** Forgets logins, sessions, faults, statistics and pending webhooks; restores the configured credentials. */
    public void reset() {
        send("POST", "/reset", null, 200);
    }

    // ---- transport

    private JsonNode send(String method, String path, Object body, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(admin + path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(write(body)))
                .build();
        HttpResponse<String> response = exchange(method, path, request);
        String answer = response.body() == null ? "" : response.body();
        if (response.statusCode() != expectedStatus) {
            throw new SandboxAdminException(
                    "sandbox admin " + method + " " + path + " answered " + response.statusCode() + " (expected "
                            + expectedStatus + "): " + reason(answer),
                    response.statusCode(),
                    answer,
                    null);
        }
        try {
            return answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new SandboxAdminException(
                    "sandbox admin " + method + " " + path + " answered a body that is not JSON: " + abbreviate(answer),
                    response.statusCode(),
                    answer,
                    e);
        }
    }

    private HttpResponse<String> exchange(String method, String path, HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                // the sandbox may be processing the call: repeating it could, e.g., create a second login
                throw e;
            } catch (IOException e) {
                // A pooled keep-alive connection the sandbox has just closed fails before any answer; the call
                // was not processed, so one retry on a fresh connection is safe.
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new SandboxAdminException("sandbox admin " + method + " " + path + " failed: " + e, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxAdminException("interrupted during sandbox admin " + method + " " + path, 0, null, e);
        }
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the admin request as JSON: " + e.getMessage(), e);
        }
    }

    /** The admin API's error message ({@code {"HttpStatusCode":404,"Message":"..."}}) or the raw body. */
    private static String reason(String body) {
        try {
            JsonNode message = JSON.readTree(body).path("Message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not JSON: show the body itself
        }
        return abbreviate(body);
    }

    private static String abbreviate(String body) {
        return body.length() <= MAX_BODY_IN_MESSAGE ? body : body.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }

    private static String segment(String loginId) {
        if (loginId == null || loginId.isBlank()) {
            throw new IllegalArgumentException("loginId is required");
        }
        return URLEncoder.encode(loginId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
