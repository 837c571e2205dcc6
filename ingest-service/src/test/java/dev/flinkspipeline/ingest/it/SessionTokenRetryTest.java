package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.API_KEY;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /connect/sessions} repeats GenerateAuthorizeToken on transient Flinks faults within
 * {@code ingest.flinks.token-retry.deadline} (5 s in the tests), then answers 502 or 504 as before.
 */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class SessionTokenRetryTest {

    private final SandboxAdminClient sandbox =
            new SandboxAdminClient(IngestTestResource.sandbox().baseUrl());

    @AfterEach
    void clearFaults() {
        sandbox.clearFaults();
        sandbox.restoreCredentials();
    }

    @Test
    void underA27PercentFaultRateEverySessionSucceeds() throws Exception {
        long callsBefore = sandbox.calls("GenerateAuthorizeToken");
        // 27% of calls fail: 5xx, RETRY_LATER and TOO_MANY_REQUESTS (429) in equal parts
        sandbox.fault(Map.of(
                "endpoint",
                "GenerateAuthorizeToken",
                "serverErrorShare",
                0.09,
                "serverErrorStatus",
                503,
                "retryLaterShare",
                0.09,
                "tooManyRequestsShare",
                0.09,
                "tooManyRequestsStatus",
                429));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> sessions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                sessions.add(pool.submit(SessionTokenRetryTest::newSession));
            }
            for (Future<Response> session : sessions) {
                Response answer = session.get();
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
                assertThat((String) answer.path("connectUrl")).contains("authorizeToken=");
            }
        } finally {
            pool.shutdownNow();
        }
        long calls = sandbox.calls("GenerateAuthorizeToken") - callsBefore;
        assertThat(calls).as("some calls failed and were repeated").isGreaterThan(30);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("ingest_flinks_token_retries_total(\\{[^}]*})? [1-9]");
    }

    @Test
    void aFlinksThatKeepsFailingGets502AfterSeveralAttempts() {
        for (Map<String, Object> fault : List.<Map<String, Object>>of(
                Map.of("endpoint", "GenerateAuthorizeToken", "serverErrorShare", 1.0, "serverErrorStatus", 503),
                Map.of(
                        "endpoint",
                        "GenerateAuthorizeToken",
                        "tooManyRequestsShare",
                        1.0,
                        "tooManyRequestsStatus",
                        429))) {
            sandbox.fault(fault);
            long before = sandbox.calls("GenerateAuthorizeToken");
            long start = System.nanoTime();
            Response answer = newSession();
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            problem(answer, 502, "flinks-error");
            assertThat((String) answer.path("detail")).contains("attempts");
            assertThat(sandbox.calls("GenerateAuthorizeToken") - before)
                    .as("attempts for %s", fault)
                    .isGreaterThan(3);
            assertThat(tookMs).as("within the 5 s deadline").isBetween(3_000L, 7_000L);
        }
        sandbox.clearFaults();
        newSession().then().statusCode(200);
    }

    @Test
    void aFlinksThatDoesNotAnswerGets504() {
        // every call slower than ingest.flinks.request-timeout (2 s in the tests)
        sandbox.fault(Map.of("endpoint", "GenerateAuthorizeToken", "latencyMs", 6000));
        long before = sandbox.calls("GenerateAuthorizeToken");
        problem(newSession(), 504, "flinks-timeout");
        assertThat(sandbox.calls("GenerateAuthorizeToken") - before).isGreaterThanOrEqualTo(2);
        sandbox.clearFaults();
        newSession().then().statusCode(200);
    }

    @Test
    void aRefusalRetryingCannotChangeIsAnsweredAtOnce() {
        // Flinks refuses our secret key: UNAUTHORIZED is terminal, one call only
        sandbox.credentials("rotated-" + UUID.randomUUID(), null);
        long before = sandbox.calls("GenerateAuthorizeToken");
        problem(newSession(), 502, "flinks-error");
        assertThat(sandbox.calls("GenerateAuthorizeToken") - before).isEqualTo(1);
        sandbox.restoreCredentials();
        newSession().then().statusCode(200);
    }

    private static Response newSession() {
        return given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"user-" + UUID.randomUUID() + "\"}")
                .post("/connect/sessions");
    }
}
