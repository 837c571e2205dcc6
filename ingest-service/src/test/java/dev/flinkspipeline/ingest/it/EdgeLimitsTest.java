package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.MAX_BODY;
import static dev.flinkspipeline.ingest.it.IngestTestResource.WEBHOOK_SECRET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.ingest.bench.LargeWebhooks;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The attacks on the HTTP edge, over real sockets: bodies declared large that never come, bodies
 * trickled a byte a second on more connections than there are worker threads, idle and half-sent
 * connections, a full body budget. Signed webhooks and health keep being answered throughout. Time
 * bounds are loose (a shared 2-core machine, other builds running): they catch a blocked service, not a
 * slow one; {@code bench/run edge} measures the real figures.
 */
@QuarkusTest
@QuarkusTestResource(EdgeTestResource.class)
class EdgeLimitsTest {

    private static final Pattern BUDGET_USED =
            Pattern.compile("(?m)^ingest_http_body_budget_used_bytes(?:\\{[^}]*})? ([0-9.eE+]+)$");
    /** More than the 200 worker threads the platform has on this machine. */
    private static final int SLOW_CONNECTIONS = 250;

    @Test
    void bodiesDeclaredLargeHoldOnlyTheBytesThatArrived() throws Exception {
        List<RawHttp> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                attackers.add(RawHttp.open()
                        .send(webhookHead(MAX_BODY, "not-a-signature"))
                        .send("{"));
            }
            long used = awaitBudgetUsed(12, 10_000);
            assertThat(used)
                    .as("bytes held for 12 bodies that declared %d bytes each and sent one", MAX_BODY)
                    .isBetween(12L, 1024L);
            byte[] big = LargeWebhooks.accountsDetail(
                    IngestTestResource.sandbox().dataGenerator(),
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    5 * 1024 * 1024);
            assertThat(signedPost(big).statusCode()).isEqualTo(200);
            assertHealthWithin(10_000);
        } finally {
            attackers.forEach(RawHttp::close);
        }
    }

    @Test
    void bodiesTrickledAByteASecondHoldNoWorkerAndAreCutAfterTheGrace() throws Exception {
        List<RawHttp> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                slow.add(RawHttp.open()
                        .send(webhookHead(1_000, "not-a-signature"))
                        .send("{"));
            }
            Thread trickle = new Thread(() -> {
                for (int second = 0; second < 30 && !Thread.currentThread().isInterrupted(); second++) {
                    slow.forEach(connection -> connection.trySend(new byte[] {' '}));
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            try {
                // Every slow body is open now; health and a real webhook are still served. (Blocked workers
                // would hold them for the whole 30 s trickle; the bounds leave room for a loaded machine.)
                assertHealthWithin(10_000);
                byte[] webhook = WebhookEndpointTest.gadWebhook(
                        UUID.randomUUID().toString(), UUID.randomUUID().toString());
                long start = System.nanoTime();
                assertThat(signedPost(webhook).statusCode()).isEqualTo(200);
                assertThat((System.nanoTime() - start) / 1_000_000)
                        .as("webhook answered (ms) during the attack")
                        .isLessThan(20_000);

                // After the 5 s grace they fall below 16 KiB/s: each gets 408 and its connection closed.
                List<CompletableFuture<RawHttp.Answer>> answers = slow.stream()
                        .map(connection -> CompletableFuture.supplyAsync(() -> connection.read(30_000)))
                        .toList();
                for (CompletableFuture<RawHttp.Answer> answer : answers) {
                    RawHttp.Answer cut = answer.get();
                    assertThat(cut.status()).isEqualTo(408);
                    assertProblem(cut, 408, "body-too-slow");
                    assertThat(cut.header("Connection")).isEqualToIgnoringCase("close");
                }
            } finally {
                trickle.interrupt();
            }
        } finally {
            slow.forEach(RawHttp::close);
        }
        assertThat(awaitBudgetUsed(0, 10_000)).isZero();
    }

    @Test
    void idleAndHalfSentConnectionsAreClosedWithinSeconds() throws Exception {
        try (RawHttp idle = RawHttp.open();
                RawHttp halfHead = RawHttp.open()
                        .send("POST /webhooks/flinks HTTP/1.1\r\nHost: " + RawHttp.host() + "\r\nContent-Type: appl");
                RawHttp halfBody = RawHttp.open()
                        .send(webhookHead(1_000, "not-a-signature"))
                        .send("{\"Login\":");
                RawHttp halfEvent = RawHttp.open()
                        .send(RawHttp.head(
                                "POST", "/connect/events", "Content-Type: application/json", "Content-Length: 100"))
                        .send("{\"step\":")) {
            CompletableFuture<Long> idleClosed = CompletableFuture.supplyAsync(() -> idle.awaitClose(60_000));
            CompletableFuture<Long> headClosed = CompletableFuture.supplyAsync(() -> halfHead.awaitClose(60_000));
            RawHttp.Answer bodyAnswer = halfBody.read(60_000);
            assertProblem(bodyAnswer, 408, "body-too-slow");
            // The Connect endpoints are behind the same edge.
            assertProblem(halfEvent.read(60_000), 408, "body-too-slow");
            int bound = (EdgeTestResource.IDLE_TIMEOUT_SECONDS + 15) * 1_000;
            assertThat(idleClosed.get()).as("idle connection closed after (ms)").isBetween(0L, (long) bound);
            assertThat(headClosed.get())
                    .as("half-sent headers closed after (ms)")
                    .isBetween(0L, (long) bound);
        }
    }

    @Test
    void headsTrickledAByteASecondAreClosedAtTheirDeadlines() throws Exception {
        long deadline = EdgeTestResource.HEADER_TIMEOUT_SECONDS * 1_000L;
        String health = RawHttp.head("GET", "/q/health/live");
        byte[] head = health.getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttp keptAlive = RawHttp.open();
                RawHttp trickled = RawHttp.open();
                RawHttp idle = RawHttp.open()) {
            // Requests on a kept-alive connection: back to back, and after a pause shorter than the deadline.
            assertThat(keptAlive.send(health).read(10_000).status()).isEqualTo(200);
            assertThat(keptAlive.send(health).read(10_000).status()).isEqualTo(200);
            Thread.sleep(deadline / 2);
            assertThat(keptAlive.send(health).read(10_000).status()).isEqualTo(200);

            // After an answer: the next head trickled a byte a second, and a kept-alive connection left idle;
            // one answer from a servlet, one from a route. And a new connection trickling its first head: its
            // deadline runs from the moment the connection is taken on.
            RawHttp.Answer refused = trickled.send(RawHttp.head("POST", "/connect/callback/store", "Content-Length: 0"))
                    .read(10_000);
            assertProblem(refused, 400, "missing-login-id");
            assertThat(idle.send(health).read(10_000).status()).isEqualTo(200);
            long answered = System.nanoTime();
            RawHttp first = RawHttp.open();
            long opened = System.nanoTime();
            Thread trickle = new Thread(() -> {
                for (int i = 0; i < head.length - 1; i++) {
                    trickled.trySend(new byte[] {head[i]});
                    first.trySend(new byte[] {head[i]});
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            try {
                CompletableFuture<Long> idleClosed = CompletableFuture.supplyAsync(() -> closedAfter(idle, answered));
                CompletableFuture<Long> firstClosed = CompletableFuture.supplyAsync(() -> closedAfter(first, opened));
                assertThat(closedAfter(trickled, answered))
                        .as("next head trickled after an answer, closed after (ms)")
                        .isBetween(deadline - 500, deadline + 3_000);
                assertThat(idleClosed.get())
                        .as("idle kept-alive connection closed after (ms)")
                        .isBetween(deadline - 500, deadline + 3_000);
                assertThat(firstClosed.get())
                        .as("first head trickled, closed after (ms)")
                        .isBetween(deadline - 500, deadline + 3_000);
            } finally {
                trickle.interrupt();
                first.close();
            }
            assertHealthWithin(10_000);
        }
    }

    /** Milliseconds from {@code since} until the server closed {@code connection}; -1 if open after 30 s. */
    private static long closedAfter(RawHttp connection, long since) {
        return connection.awaitClose(30_000) < 0 ? -1 : (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void aFullBudgetAnswers503UntilBodiesLeave() throws Exception {
        int hogs = 3;
        int each = 6 * 1024 * 1024;
        List<RawHttp> held = new ArrayList<>();
        byte[] chunk = new byte[each];
        Arrays.fill(chunk, (byte) ' ');
        byte[] webhook = LargeWebhooks.accountsDetail(
                IngestTestResource.sandbox().dataGenerator(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                3 * 1024 * 1024);
        try {
            for (int i = 0; i < hogs; i++) {
                held.add(RawHttp.open()
                        .send(webhookHead(MAX_BODY, "not-a-signature"))
                        .send(chunk));
            }
            assertThat(awaitBudgetUsed((long) hogs * each, 20_000)).isGreaterThanOrEqualTo((long) hogs * each);
            Response busy = signedPost(webhook);
            WebhookEndpointTest.problem(busy, 503, "busy");
            assertThat(busy.header("Retry-After")).isEqualTo("5");
            // The stalled bodies move nothing: the idle timeout closes them and their bytes come back.
            assertThat(awaitBudgetUsed(0, (EdgeTestResource.IDLE_TIMEOUT_SECONDS + 20) * 1_000))
                    .isZero();
            assertThat(signedPost(webhook).statusCode()).isEqualTo(200);
        } finally {
            held.forEach(RawHttp::close);
        }
    }

    private static String webhookHead(long contentLength, String signature) {
        return RawHttp.head(
                "POST",
                "/webhooks/flinks",
                "Content-Type: application/json",
                WebhookSignatureVerifier.HEADER + ": " + signature,
                "Content-Length: " + contentLength);
    }

    static Response signedPost(byte[] body) {
        return WebhookEndpointTest.post(body, WEBHOOK_SECRET);
    }

    static void assertHealthWithin(long millis) {
        long start = System.nanoTime();
        given().get("/q/health/live").then().statusCode(200);
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("/q/health/live answered (ms)")
                .isLessThan(millis);
    }

    static void assertProblem(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.head()).startsWith("application/problem+json");
        assertThat(answer.body())
                .contains("\"status\":" + status)
                .contains("\"type\":\"https://flinkspipeline.dev/problems/" + code + "\"");
    }

    /** Polls the body budget gauge until it reaches {@code target} (or, for 0, drops to it); its last value. */
    static long awaitBudgetUsed(long target, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long used;
        do {
            used = budgetUsed();
            if (target == 0 ? used == 0 : used >= target) {
                return used;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return used;
    }

    static long budgetUsed() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = BUDGET_USED.matcher(metrics);
        assertThat(matcher.find())
                .as("ingest_http_body_budget_used_bytes is published")
                .isTrue();
        return (long) Double.parseDouble(matcher.group(1));
    }
}
