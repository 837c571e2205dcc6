package dev.flinkspipeline.flinks.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.time.Duration;

/**
 * Webhook settings in force: start from the config, changeable at run time through
 * {@code PUT /sandbox/admin/webhooks} (e.g. once a test's receiver knows its port).
 *
 * @param duplicate  send every payload twice
 * @param outOfOrder send the GetAccountsDetail payload before the KYC one
 */
public record WebhookSettings(
        String url,
        String secret,
        String header,
        int maxAttempts,
        Duration retryDelay,
        Duration timeout,
        boolean kyc,
        boolean duplicate,
        boolean outOfOrder) {

    public static WebhookSettings of(SandboxConfig c) {
        return new WebhookSettings(
                c.webhookUrl(),
                c.webhookSecret(),
                c.webhookHeader(),
                c.webhookMaxAttempts(),
                c.webhookRetryDelay(),
                c.webhookTimeout(),
                c.webhookKyc(),
                false,
                false);
    }

    /** These settings with the fields present in an admin JSON body changed. */
    public WebhookSettings merge(JsonNode body) {
        String u = has(body, "url") ? blankToNull(Json.text(body, "url")) : url;
        if (u != null && !(u.startsWith("http://") || u.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http(s) URL");
        }
        String s = has(body, "secret") ? blankToNull(Json.text(body, "secret")) : secret;
        String h = has(body, "header") ? Json.text(body, "header") : header;
        if (h == null || h.isBlank()) {
            throw new IllegalArgumentException("header must not be blank");
        }
        int max = has(body, "maxAttempts") ? positiveInt(body, "maxAttempts") : maxAttempts;
        Duration delay = has(body, "retryDelayMs") ? Duration.ofMillis(positiveInt(body, "retryDelayMs")) : retryDelay;
        Duration t = has(body, "timeoutMs") ? Duration.ofMillis(positiveInt(body, "timeoutMs")) : timeout;
        return new WebhookSettings(
                u,
                s,
                h,
                max,
                delay,
                t,
                Json.bool(body, "kyc", kyc),
                Json.bool(body, "duplicate", duplicate),
                Json.bool(body, "outOfOrder", outOfOrder));
    }

    private static boolean has(JsonNode body, String name) {
        return Json.field(body, name) != null;
    }

    private static int positiveInt(JsonNode body, String name) {
        JsonNode v = Json.field(body, name);
        if (!v.canConvertToInt() || v.asInt() < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer");
        }
        return v.asInt();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The secret is never shown, only whether one is set. */
    public ObjectNode toJson() {
        ObjectNode n = Json.object();
        n.put("url", url);
        n.put("signed", secret != null);
        n.put("header", header);
        n.put("maxAttempts", maxAttempts);
        n.put("retryDelayMs", retryDelay.toMillis());
        n.put("timeoutMs", timeout.toMillis());
        n.put("kyc", kyc);
        n.put("duplicate", duplicate);
        n.put("outOfOrder", outOfOrder);
        return n;
    }
}
