package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.EdgeLimitsTest.assertProblem;
import static dev.flinkspipeline.ingest.it.IngestTestResource.MAX_BODY;
import static dev.flinkspipeline.ingest.it.IngestTestResource.WEBHOOK_SECRET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every error answer is application/problem+json, including those the platform gives before a servlet
 * runs; requests a normal client will not send go over raw sockets.
 */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class ErrorAnswersTest {

    @Test
    void unknownPathsAndMethodsAreProblems() {
        WebhookEndpointTest.problem(given().get("/no/such/endpoint"), 404, "not-found");
        WebhookEndpointTest.problem(given().get("/webhooks/flinks"), 405, "method-not-allowed");
        WebhookEndpointTest.problem(
                given().contentType("application/json").body("{}").put("/connect/events"), 405, "method-not-allowed");
    }

    @Test
    void traceIsOffEverywhere() {
        for (String path : new String[] {"/webhooks/flinks", "/q/health/live", "/no/such/endpoint"}) {
            try (RawHttp http = RawHttp.open()) {
                RawHttp.Answer answer = http.send(RawHttp.head("TRACE", path, "Cookie: secret=1"))
                        .read(10_000);
                assertProblem(answer, 405, "method-not-allowed");
                assertThat(answer.body()).doesNotContain("secret");
            }
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsSent() {
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head(
                            "POST",
                            "/webhooks/flinks",
                            "Content-Type: application/json",
                            "Content-Length: " + (MAX_BODY + 1)))
                    .read(10_000);
            assertProblem(answer, 413, "body-too-large");
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("close");
        }
    }

    @Test
    void expectContinueIsAnsweredOnceAndNeverForABodyOverTheLimit() {
        byte[] webhook = WebhookEndpointTest.gadWebhook(
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try (RawHttp http = RawHttp.open()) {
            http.send(RawHttp.head(
                    "POST",
                    "/webhooks/flinks",
                    "Content-Type: application/json",
                    WebhookSignatureVerifier.HEADER + ": " + WebhookSignatureVerifier.sign(WEBHOOK_SECRET, webhook),
                    "Content-Length: " + webhook.length,
                    "Expect: 100-continue"));
            RawHttp.Answer interim = http.read(10_000);
            assertThat(interim.status()).isEqualTo(100);
            RawHttp.Answer answer = http.send(webhook).read(30_000);
            // One 100 only: the servlet container does not send a second one once the body has arrived.
            assertThat(answer.status()).as(answer.head()).isEqualTo(200);
            assertThat(answer.body()).contains("\"type\":\"AccountsReady\"");
        }
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head(
                            "POST",
                            "/connect/events",
                            "Content-Type: application/json",
                            "Content-Length: " + (64 * 1024 + 1),
                            "Expect: 100-continue"))
                    .read(10_000);
            assertProblem(answer, 413, "body-too-large");
        }
    }

    @Test
    void longRequestTargetsAndHeaderSectionsAreProblems() {
        try (RawHttp http = RawHttp.open()) {
            assertProblem(
                    http.send(RawHttp.head("GET", "/connect/callback?tag=" + "x".repeat(9_000)))
                            .read(10_000),
                    414,
                    "uri-too-long");
        }
        try (RawHttp http = RawHttp.open()) {
            assertProblem(
                    http.send(RawHttp.head("GET", "/q/health/live", "X-Padding: " + "x".repeat(17_000)))
                            .read(10_000),
                    431,
                    "headers-too-large");
        }
        // Past the HTTP decoder's own limits (16 KiB request line, 32 KiB headers) Vert.x answers before any
        // route can: the status is right, the body empty (no hook exists for it, see docs/ingest.md).
        try (RawHttp http = RawHttp.open()) {
            assertThat(http.send(RawHttp.head("GET", "/x?" + "x".repeat(20_000)))
                            .read(10_000)
                            .status())
                    .isEqualTo(414);
        }
        try (RawHttp http = RawHttp.open()) {
            assertThat(http.send(RawHttp.head("GET", "/x", "X-Padding: " + "x".repeat(40_000)))
                            .read(10_000)
                            .status())
                    .isEqualTo(431);
        }
    }

    @Test
    void aBrokenPercentEscapeIsRefusedBeforeAnyRoute() {
        // Quarkus' root handler refuses a target java.net.URI cannot parse before any route, like the decoder
        // refuses requests past its size limits: the status is right, the body empty (see docs/ingest.md).
        for (String target : new String[] {"/webhooks/%zz", "/connect/callback?loginId=%4"}) {
            try (RawHttp http = RawHttp.open()) {
                assertThat(http.send(RawHttp.head("GET", target)).read(10_000).status())
                        .isEqualTo(400);
            }
        }
    }

    @Test
    void aServletFailureIsAProblemEvenOutOfMemory() {
        WebhookEndpointTest.problem(given().get("/test/fail"), 500, "internal-error");
        WebhookEndpointTest.problem(given().get("/test/fail?error=oom"), 500, "internal-error");
    }
}
