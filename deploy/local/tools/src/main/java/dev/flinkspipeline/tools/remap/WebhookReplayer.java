package dev.flinkspipeline.tools.remap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.sandbox.webhook.WebhookSignature;
import dev.flinkspipeline.tools.http.JsonHttp;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Posts a kept webhook's exact bytes to ingest's {@code POST /webhooks/flinks}, signed as Flinks signs it:
 * Base64 HMAC-SHA256 of the raw bytes in {@code flinks-authenticity-key}, with the secret ingest verifies
 * ({@code INGEST_WEBHOOK_SECRETS}; ingest trims each secret, so the signer does too).
 */
final class WebhookReplayer {

    static final String WEBHOOK_PATH = "/webhooks/flinks";
    static final String SIGNATURE_HEADER = "flinks-authenticity-key";

    /** Status 0 when no answer came (connection refused, timeout). */
    record Answer(int status, String outcome) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final JsonHttp http = new JsonHttp();
    private final URI endpoint;
    private final String secret;

    /** @param secretOrNull the webhook secret; null or blank: unsigned (ingest with verification off) */
    WebhookReplayer(URI endpoint, String secretOrNull) {
        this.endpoint = endpoint;
        this.secret = secretOrNull == null || secretOrNull.isBlank() ? null : secretOrNull.trim();
    }

    /** {@code --ingest-url}: ingest's base URL (the webhook path is added) or the webhook URL itself. */
    static URI endpoint(String ingestUrl) {
        URI uri = URI.create(ingestUrl.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--ingest-url expects an http(s) URL, got '" + ingestUrl + "'");
        }
        String path = uri.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? uri.resolve(WEBHOOK_PATH) : uri;
    }

    boolean signs() {
        return secret != null;
    }

    Answer post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret != null) {
            request.header(SIGNATURE_HEADER, WebhookSignature.sign(secret, body));
        }
        try {
            JsonHttp.Answer answer = http.send(request.build());
            return new Answer(answer.status(), outcome(answer.json()));
        } catch (UncheckedIOException | IllegalStateException e) {
            return new Answer(0, "no answer (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    /**
     * What ingest made of it: the record type of a 200 ({@code AccountsReady}, {@code KycReceived},
     * {@code WebhookUnhandled} when still unmappable) or a problem's code, the last segment of its type URI.
     */
    static String outcome(JsonNode answer) {
        String type = answer.path("type").asText("");
        return type.isEmpty() ? "-" : type.substring(type.lastIndexOf('/') + 1);
    }
}
