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
        // Past the HTTP decoder's own limits (16 KiB request line, 32 KiB header section) no route sees the
        // request: problem+json still, and the connection closed (the decoder drops what follows).
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer =
                    http.send(RawHttp.head("GET", "/x?" + "x".repeat(20_000))).read(10_000);
            assertProblem(answer, 414, "uri-too-long");
            assertThat(answer.body()).contains("\"detail\":\"The request line exceeds 16384 bytes.\"");
            assertClosedAfterAnswer(http, answer);
        }
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head("GET", "/x", "X-Padding: " + "x".repeat(40_000)))
                    .read(10_000);
            assertProblem(answer, 431, "headers-too-large");
            assertThat(answer.body()).contains("\"detail\":\"The header section exceeds 32768 bytes.\"");
            assertClosedAfterAnswer(http, answer);
        }
    }

    @Test
    void requestsTheDecoderCannotReadAreProblems() {
        String host = "Host: " + RawHttp.host() + "\r\n";
        String[] malformed = {
            "GET /q/health/live HTTP/1.x\r\n" + host + "\r\n",
            "GET /q/health/live HTTP/1.1\r\n" + host + "Bad Name: x\r\n\r\n",
            "GET /q/health/live HTTP/1.1\r\n" + host + "Content-Length: twelve\r\n\r\n",
        };
        for (String request : malformed) {
            try (RawHttp http = RawHttp.open()) {
                RawHttp.Answer answer = http.send(request).read(10_000);
                assertProblem(answer, 400, "malformed-request");
                assertClosedAfterAnswer(http, answer);
            }
        }
    }

    @Test
    void aBrokenChunkFramingIsAProblem() {
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head(
                                    "POST",
                                    "/connect/events",
                                    "Content-Type: application/json",
                                    "Transfer-Encoding: chunked")
                            + "zz\r\n{}\r\n0\r\n\r\n")
                    .read(10_000);
            assertProblem(answer, 400, "malformed-body");
            assertClosedAfterAnswer(http, answer);
        }
    }

    @Test
    void aBrokenPercentEscapeIsAProblem() {
        // Quarkus' root handler would refuse these targets (java.net.URI cannot parse them) with an empty 400.
        for (String target : new String[] {"/webhooks/%zz", "/connect/callback?loginId=%4", "/q/health/live%"}) {
            try (RawHttp http = RawHttp.open()) {
                RawHttp.Answer answer = http.send(RawHttp.head("GET", target)).read(10_000);
                assertProblem(answer, 400, "invalid-target");
                assertClosedAfterAnswer(http, answer);
            }
        }
        // Read whole, with a body: the answer comes, the body is dropped, the connection closes.
        try (RawHttp http = RawHttp.open()) {
            RawHttp.Answer answer = http.send(RawHttp.head(
                                    "POST", "/webhooks/flinks%", "Content-Type: application/json", "Content-Length: 2")
                            + "{}")
                    .read(10_000);
            assertProblem(answer, 400, "invalid-target");
            assertClosedAfterAnswer(http, answer);
        }
    }

    /** The answer says {@code Connection: close}, and the server closes the connection within seconds. */
    private static void assertClosedAfterAnswer(RawHttp http, RawHttp.Answer answer) {
        assertThat(answer.header("Connection")).as(answer.head()).isEqualToIgnoringCase("close");
        assertThat(http.awaitClose(10_000)).as("connection closed after (ms)").isBetween(0L, 5_000L);
    }

    @Test
    void aServletFailureIsAProblemEvenOutOfMemory() {
        WebhookEndpointTest.problem(given().get("/test/fail"), 500, "internal-error");
        WebhookEndpointTest.problem(given().get("/test/fail?error=oom"), 500, "internal-error");
    }
}
