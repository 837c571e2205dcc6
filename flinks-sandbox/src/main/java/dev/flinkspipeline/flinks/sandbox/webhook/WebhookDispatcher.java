package dev.flinkspipeline.flinks.sandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.flinks.sandbox.state.Login;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the KYC then GetAccountsDetail payloads when a login's aggregation completes, signed with HMAC,
 * and retries any non-200 answer (or connection error) after the configured delay until the configured
 * number of attempts. Waiting happens on a scheduler and the HTTP calls are asynchronous: no thread is
 * held for a delay.
 */
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_RECORDED = 10_000;

    private final SandboxConfig config;
    private final LoginDataGenerator generator;
    private final ScheduledExecutorService scheduler;
    private final HttpClient client;
    private final ConcurrentLinkedDeque<WebhookDelivery> deliveries = new ConcurrentLinkedDeque<>();
    private final AtomicInteger recorded = new AtomicInteger();
    private volatile WebhookSettings settings;
    private volatile boolean closed;

    public WebhookDispatcher(SandboxConfig config, LoginDataGenerator generator, ScheduledExecutorService scheduler) {
        this.config = config;
        this.generator = generator;
        this.scheduler = scheduler;
        this.settings = WebhookSettings.of(config);
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public WebhookSettings settings() {
        return settings;
    }

    public synchronized WebhookSettings update(JsonNode body) {
        settings = settings.merge(body);
        return settings;
    }

    public void reset() {
        deliveries.clear();
        recorded.set(0);
        settings = WebhookSettings.of(config);
    }

    public void close() {
        closed = true;
    }

    /** The login's aggregation is complete: send its webhooks (after {@code delay}) if a target URL is set. */
    public void loginCompleted(Login login, String requestId, Duration delay) {
        WebhookSettings s = settings;
        String url = login.webhookUrl() != null ? login.webhookUrl() : s.url();
        if (url == null || closed) {
            return;
        }
        String tag = login.tag();
        scheduler.schedule(() -> send(login, requestId, tag, url, s), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Login login, String requestId, String tag, String url, WebhookSettings s) {
        try {
            List<WebhookDelivery> sequence = new ArrayList<>();
            WebhookDelivery gad = delivery(
                    login,
                    requestId,
                    url,
                    s,
                    "GetAccountsDetail",
                    Json.bytes(generator.webhookAccountsDetail(
                            login.loginId(), login.username(), requestId, tag, login.webhookDays())));
            WebhookDelivery kyc = s.kyc()
                    ? delivery(
                            login,
                            requestId,
                            url,
                            s,
                            "KYC",
                            Json.bytes(generator.webhookKyc(login.loginId(), login.username(), requestId)))
                    : null;
            if (kyc != null && !s.outOfOrder()) {
                sequence.add(kyc);
            }
            sequence.add(gad);
            if (kyc != null && s.outOfOrder()) {
                sequence.add(kyc);
            }
            if (s.duplicate()) {
                List<WebhookDelivery> twice = new ArrayList<>();
                for (WebhookDelivery d : sequence) {
                    twice.add(d);
                    twice.add(delivery(login, requestId, url, s, d.responseType, d.body));
                }
                sequence = twice;
            }
            chain(sequence, 0, s);
        } catch (RuntimeException e) {
            LOG.error("Could not build webhooks for loginId {}", login.loginId(), e);
        }
    }

    /** First attempt of item i+1 only after the first attempt of item i finished, so the order is the intended one. */
    private void chain(List<WebhookDelivery> sequence, int i, WebhookSettings s) {
        if (i >= sequence.size()) {
            return;
        }
        attempt(sequence.get(i), s).whenComplete((v, e) -> chain(sequence, i + 1, s));
    }

    private WebhookDelivery delivery(
            Login login, String requestId, String url, WebhookSettings s, String type, byte[] body) {
        String signature = s.secret() == null ? null : WebhookSignature.sign(s.secret(), body);
        WebhookDelivery d = new WebhookDelivery(
                UUID.randomUUID().toString(), login.loginId(), requestId, type, url, body, signature);
        deliveries.addLast(d);
        if (recorded.incrementAndGet() > MAX_RECORDED) {
            deliveries.pollFirst();
            recorded.decrementAndGet();
        }
        return d;
    }

    private CompletableFuture<Void> attempt(WebhookDelivery d, WebhookSettings s) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(d.url))
                    .timeout(s.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(d.body));
        } catch (IllegalArgumentException e) {
            d.record(null, "invalid URL", 1);
            return CompletableFuture.completedFuture(null);
        }
        if (d.signature != null) {
            req.header(s.header(), d.signature);
        }
        return client.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    Integer code = resp == null ? null : resp.statusCode();
                    String error = err == null ? null : rootMessage(err);
                    int n = d.record(code, error, s.maxAttempts());
                    if (d.status() == WebhookDelivery.Status.PENDING && !closed) {
                        LOG.info(
                                "Webhook {} for loginId {} attempt {} got {}; retrying in {}",
                                d.responseType,
                                d.loginId,
                                n,
                                code != null ? code : error,
                                s.retryDelay());
                        scheduler.schedule(() -> attempt(d, s), s.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
                    } else if (d.status() == WebhookDelivery.Status.FAILED) {
                        LOG.warn("Webhook {} for loginId {} failed after {} attempts", d.responseType, d.loginId, n);
                    }
                    return null;
                });
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    public List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    public ArrayNode deliveriesJson(String loginId) {
        ArrayNode a = Json.array();
        for (WebhookDelivery d : deliveries) {
            if (loginId == null || loginId.equalsIgnoreCase(d.loginId)) {
                a.add(d.toJson());
            }
        }
        return a;
    }
}
