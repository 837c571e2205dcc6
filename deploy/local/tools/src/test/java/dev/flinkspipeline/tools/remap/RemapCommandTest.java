package dev.flinkspipeline.tools.remap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.flinks.sandbox.webhook.WebhookSignature;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import dev.flinkspipeline.tools.kafka.TopicsForTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code remap-unhandled} against a real broker and a real HTTP endpoint standing in for ingest's
 * {@code POST /webhooks/flinks}: it checks each request's Flinks signature as ingest does (Base64 HMAC-SHA256
 * of the raw bytes in {@code flinks-authenticity-key}) and answers as ingest would.
 */
class RemapCommandTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final String SECRET = "local-webhook-secret-0123456789";
    private static final Instant NOW = Instant.now();

    private record Received(String path, String contentType, String signature, byte[] body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer ingest;
    private TopicsForTest kafka;
    private String topic;

    private final String knownLogin = UUID.randomUUID().toString();
    private final String bodyOnlyLogin = UUID.randomUUID().toString();
    private byte[] refresh;
    private byte[] announcement;

    @BeforeEach
    void start() throws IOException {
        ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext("/", this::answer);
        ingest.start();
        kafka = new TopicsForTest(infra);
        topic = kafka.topic("webhook-unhandled");

        // Exact bytes matter: spacing, key order, non-ASCII text.
        refresh = ("{ \"ResponseType\" : \"Refresh\",\n  \"Login\": {\"Id\": \"" + knownLogin
                        + "\", \"Username\": \"jane.doe\"}, \"Note\": \"été\" }")
                .getBytes(StandardCharsets.UTF_8);
        announcement = ("{\"responseType\":\"AccountsAnnouncement\",\"login\":{\"id\":\"" + bodyOnlyLogin + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        kept(knownLogin, refresh, "unknown-type", NOW.minus(Duration.ofMinutes(30)));
        kept(knownLogin, refresh, "unknown-type", NOW.minus(Duration.ofMinutes(20))); // kept again by an earlier remap
        kept(
                null,
                "{\"ResponseType\":\"GetAccountsDetail\",\"HttpStatusCode\":500}".getBytes(StandardCharsets.UTF_8),
                "failed-request",
                NOW.minus(Duration.ofMinutes(15)));
        kept(
                knownLogin,
                "{\"ResponseType\":\"Old\"}".getBytes(StandardCharsets.UTF_8),
                "unknown-type",
                NOW.minus(Duration.ofHours(3)));
        kept(null, announcement, "unknown-type", NOW.minus(Duration.ofMinutes(10)));
    }

    @AfterEach
    void stop() {
        ingest.stop(0);
        kafka.close();
    }

    /** As ingest writes a webhook nothing maps: the exact body, key loginId when readable, reason headers. */
    private void kept(String loginId, byte[] body, String reason, Instant at) {
        String eventId = EventIds.forPayload("WebhookUnhandled", body).toString();
        Headers headers = new CloudEventHeaders(
                        eventId, "dev.flinkspipeline.WebhookUnhandled", "/flinks-pipeline/ingest", at, null)
                .writeTo(new RecordHeaders());
        headers.remove(CloudEventHeaders.CONTENT_TYPE);
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        headers.add("eventId", eventId.getBytes(StandardCharsets.UTF_8));
        headers.add("ResponseType", "Refresh".getBytes(StandardCharsets.UTF_8));
        headers.add("unhandled-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("unhandled-detail", "ResponseType Refresh is not mapped.".getBytes(StandardCharsets.UTF_8));
        kafka.raw(topic, loginId, body, headers, at);
    }

    /** ingest's webhook endpoint, in short: 401 on a bad signature, else what a fixed ingest maps it to. */
    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String signature = exchange.getRequestHeaders().getFirst("flinks-authenticity-key");
        received.add(new Received(
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                signature,
                body));
        boolean valid = WebhookSignature.verify(SECRET, body, signature);
        String json = valid
                ? "{\"status\":\"accepted\",\"eventId\":\"x\",\"type\":\"AccountsReady\"}"
                : "{\"type\":\"https://flinkspipeline.dev/problems/invalid-signature\",\"title\":\"invalid signature\",\"status\":401}";
        byte[] answer = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(valid ? 200 : 401, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private record Run(int status, String output) {}

    private Run remap(Set<String> reasons, TimeWindow window, String loginId, String secret, boolean dryRun) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String url = "http://127.0.0.1:" + ingest.getAddress().getPort();
        int status = new RemapCommand(new RemapCommand.Options(
                        kafka.settings(), reasons, window, loginId, url, secret, dryRun, topic))
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output); // the report, in the test's output
        return new Run(status, output);
    }

    @Test
    void postsTheExactBytesSignedOncePerBodyFilteredByReasonAndTime() {
        Run run = remap(Set.of("unknown-type"), TimeWindow.parse("2h", null, NOW), null, " " + SECRET + " ", false);

        assertThat(run.status()).isZero();
        // The two bodies are on different partitions: their order is not defined.
        assertThat(received).hasSize(2);
        assertThat(received.stream().map(r -> r.body()).toList()).containsExactlyInAnyOrder(refresh, announcement);
        assertThat(received).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/webhooks/flinks");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(WebhookSignature.verify(SECRET, r.body(), r.signature())).isTrue();
        });
        assertThat(run.output())
                .contains(
                        knownLogin,
                        bodyOnlyLogin,
                        "200 AccountsReady",
                        "1 more record(s) of the same bodies left out",
                        "2 re-posted: 2 accepted, 0 not");
        assertThat(run.output()).as("never the body").doesNotContain("jane.doe").doesNotContain("été");
    }

    @Test
    void aDryRunPostsNothingAndTheLoginFilterKeepsOneLogin() {
        Run run = remap(Set.of(), TimeWindow.ALL, bodyOnlyLogin.toUpperCase(), SECRET, true);

        assertThat(run.status()).isZero();
        assertThat(received).isEmpty();
        assertThat(run.output())
                .contains(bodyOnlyLogin, "would re-post (" + announcement.length + " bytes)")
                .doesNotContain(knownLogin);
    }

    @Test
    void aRefusedWebhookIsReportedWithTheProblemAndTheExitStatus() {
        Run run = remap(Set.of("failed-request"), TimeWindow.ALL, null, "not-the-secret", false);

        assertThat(received).hasSize(1);
        assertThat(WebhookSignature.verify(
                        SECRET, received.get(0).body(), received.get(0).signature()))
                .isFalse();
        assertThat(run.output()).contains("401 invalid-signature", "1 re-posted: 0 accepted, 1 not");
        assertThat(run.status()).isEqualTo(1);
    }
}
