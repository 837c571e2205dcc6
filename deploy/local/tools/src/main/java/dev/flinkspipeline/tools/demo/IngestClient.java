package dev.flinkspipeline.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.tools.http.JsonHttp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

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
    public record ConnectSession(String connectUrl, String tag, JsonNode raw) {}

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
            throw new IllegalStateException(
                    "ingest: POST /connect/sessions answered " + answer.status() + ": " + answer.body());
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
        return http.get(baseUrl + "/connect/callback?" + query(loginId, institution, tag, accountIds), Map.of());
    }

    /**
     * The callback as a customer's browser with JavaScript completes it: when ingest cannot store the login
     * right now it answers 503 with a page that repeats the store ({@code POST /connect/callback/store} with
     * the same parameters) with backoff until it is stored (200) or refused (4xx); this does the same, for at
     * most {@code deadline}. Returns the last answer: the callback's redirect, the store's 200 or its refusal,
     * or a 503 when the deadline passed.
     */
    public JsonHttp.Answer finishConnect(
            String loginId, String institution, String tag, List<String> accountIds, Duration deadline) {
        String query = query(loginId, institution, tag, accountIds);
        JsonHttp.Answer answer = http.get(baseUrl + "/connect/callback?" + query, Map.of());
        long end = System.nanoTime() + deadline.toNanos();
        for (int attempt = 1; answer.status() == 503 && System.nanoTime() < end; attempt++) {
            sleep(storeDelay(attempt, ThreadLocalRandom.current()::nextDouble));
            answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/connect/callback/store?" + query))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
        }
        return answer;
    }

    /**
     * The wait before the {@code attempt}-th repetition of a store (1-based): exponential from 500 ms to at
     * most 5 s, with equal jitter (between half and all of it), so customers that failed together do not
     * come back together.
     */
    static Duration storeDelay(int attempt, DoubleSupplier random) {
        long ceiling = Math.min(5_000, 500L << Math.min(attempt - 1, 10));
        return Duration.ofMillis(ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2)));
    }

    private static String query(String loginId, String institution, String tag, List<String> accountIds) {
        StringJoiner query = new StringJoiner("&");
        query.add("loginId=" + encode(loginId));
        query.add("institution=" + encode(institution));
        if (tag != null) {
            query.add("tag=" + encode(tag));
        }
        for (String accountId : accountIds) {
            query.add("accountId=" + encode(accountId));
        }
        return query.toString();
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while repeating a Connect store", e);
        }
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
            if (eq > 0
                    && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                            .equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
