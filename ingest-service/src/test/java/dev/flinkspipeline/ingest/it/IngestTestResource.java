package dev.flinkspipeline.ingest.it;

import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.PipelineInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One real KRaft broker, the dev schema registry and the Flinks sandbox for the whole test run. The
 * sandbox delivers its webhooks (HMAC-signed) to the service under test, so a Connect session driven
 * through the sandbox's pages ends with real KYC and GetAccountsDetail webhooks.
 */
public class IngestTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "test-webhook-secret";
    public static final String OLD_WEBHOOK_SECRET = "previous-webhook-secret";
    public static final String TAG_SECRET = "test-tag-secret-0123456789";
    public static final String API_KEY = "test-api-key";
    public static final String SUCCESS_URL = "https://app.example/connected";
    public static final String FAILURE_URL = "https://app.example/failed?from=flinks";
    /** The app's origin, allowed to relay Connect events. */
    public static final String APP_ORIGIN = "https://app.example";

    public static final long MAX_BODY = 8L * 1024 * 1024;
    /** Init argument: {@code "false"} starts the service without {@code ingest.connect.failure-url}. */
    public static final String FAILURE_URL_ARG = "failure-url";

    private static PipelineInfra infra;
    private static FlinksSandbox sandbox;
    private static int httpPort;
    private boolean withFailureUrl = true;

    public static PipelineInfra infra() {
        return infra;
    }

    public static FlinksSandbox sandbox() {
        return sandbox;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        withFailureUrl = !"false".equals(initArgs.get(FAILURE_URL_ARG));
    }

    @Override
    public Map<String, String> start() {
        httpPort = freePort();
        infra = new PipelineInfra().start();
        for (String topic : List.of(
                Topics.LOGIN_RECEIVED,
                Topics.KYC_RECEIVED,
                Topics.ACCOUNTS_READY,
                Topics.WEBHOOK_UNHANDLED,
                Topics.PIPELINE_FAILED)) {
            infra.createTopic(topic, 1, Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)));
        }
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .port(0)
                .webhookUrl(baseUrl() + "/webhooks/flinks")
                .webhookSecret(WEBHOOK_SECRET)
                .webhookKyc(true)
                .build());
        Map<String, String> settings = new HashMap<>(Map.ofEntries(
                Map.entry("quarkus.http.test-port", Integer.toString(httpPort)),
                Map.entry("kafka.bootstrap.servers", infra.bootstrapServers()),
                Map.entry("kafka.schema.registry.url", infra.schemaRegistryUrl()),
                Map.entry("kafka.auto.register.schemas", "true"),
                Map.entry("ingest.webhook.secrets", WEBHOOK_SECRET + "," + OLD_WEBHOOK_SECRET),
                Map.entry("ingest.webhook.ack-timeout", "2s"),
                Map.entry("ingest.webhook.retry-after", "30s"),
                Map.entry("ingest.webhook.max-body-size", Long.toString(MAX_BODY)),
                Map.entry("ingest.webhook.baseline-enabled", "true"),
                Map.entry("ingest.connect.ack-timeout", "2s"),
                Map.entry("ingest.connect.api-keys", API_KEY),
                Map.entry("ingest.connect.iframe-url", sandbox.connectUrl()),
                Map.entry("ingest.connect.callback-url", baseUrl() + "/connect/callback"),
                Map.entry("ingest.connect.success-url", SUCCESS_URL),
                Map.entry("ingest.connect.failure-url", FAILURE_URL),
                Map.entry("ingest.connect.allowed-origins", APP_ORIGIN + ",http://localhost:3000"),
                Map.entry("ingest.tag.secrets", TAG_SECRET),
                // A bare test broker: the service creates its tag-bindings topic (the cluster declares it).
                Map.entry("ingest.tag-bindings.create-topic", "true"),
                Map.entry("ingest.tag.ttl", "10m"),
                Map.entry("ingest.flinks.base-url", sandbox.baseUrl()),
                Map.entry("ingest.flinks.customer-id", SandboxConfig.TOOLBOX_CUSTOMER_ID),
                Map.entry("ingest.flinks.secret-key", SandboxConfig.TOOLBOX_SECRET_KEY),
                Map.entry("ingest.flinks.api-key", SandboxConfig.TOOLBOX_API_KEY),
                // short, so that a GenerateAuthorizeToken the sandbox delays answers 504 quickly
                Map.entry("ingest.flinks.request-timeout", "2s"),
                // GenerateAuthorizeToken retries: short, so that a session Flinks keeps failing answers quickly
                Map.entry("ingest.flinks.token-retry.deadline", "5s"),
                Map.entry("ingest.flinks.token-retry.initial-delay", "100ms"),
                Map.entry("ingest.flinks.token-retry.max-delay", "500ms"),
                Map.entry("ingest.kafka.health-cache-ttl", "200ms"),
                // Traces on, as in production with a collector; the tests send unsampled traceparents (and
                // nothing starts a trace of its own: ratio 0), so nothing is exported to the absent collector.
                Map.entry("quarkus.otel.sdk.disabled", "false"),
                Map.entry("quarkus.otel.traces.sampler.arg", "0.0")));
        if (!withFailureUrl) {
            settings.remove("ingest.connect.failure-url");
        }
        return settings;
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
