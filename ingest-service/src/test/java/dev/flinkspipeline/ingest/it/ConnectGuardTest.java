package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.API_KEY;
import static dev.flinkspipeline.ingest.it.IngestTestResource.APP_ORIGIN;
import static dev.flinkspipeline.ingest.it.IngestTestResource.FAILURE_URL;
import static dev.flinkspipeline.ingest.it.IngestTestResource.SUCCESS_URL;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The attacks on the Connect endpoints: each one refused, and nothing written for it. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class ConnectGuardTest {

    private static final List<String> CONNECT_TOPICS = List.of(Topics.LOGIN_RECEIVED, Topics.PIPELINE_FAILED);
    private final TagSigner signer =
            new TagSigner(List.of(IngestTestResource.TAG_SECRET), Duration.ofMinutes(10), Clock.systemUTC());

    @Test
    void connectEventsComeOnlyFromAllowedOrigins() {
        long before = KafkaEvents.recordCount(CONNECT_TOPICS);
        String tag = signer.sign("user-o", FlinksFlow.STANDARD).value();
        String redirect = "{\"step\":\"REDIRECT\",\"loginId\":\"" + UUID.randomUUID()
                + "\",\"institution\":\"FlinksCapital\",\"tag\":\"" + tag + "\"}";
        String abandoned = "{\"step\":\"ABANDONED\",\"tag\":\"" + tag + "\"}";
        for (String body : List.of(redirect, abandoned, "{\"step\":\"SUBMIT_MFA\"}")) {
            problem(json().body(body).post("/connect/events"), 403, "origin-not-allowed");
            for (String origin : List.of(
                    "https://evil.example",
                    "null",
                    "http://app.example",
                    "https://app.example.evil",
                    "https://app.example:8443")) {
                problem(json().header("Origin", origin).body(body).post("/connect/events"), 403, "origin-not-allowed");
            }
        }
        assertThat(KafkaEvents.recordCount(CONNECT_TOPICS)).isEqualTo(before);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern(
                        "ingest_requests_total\\{[^}]*endpoint=\"connect_events\"[^}]*reason=\"origin-not-allowed\"[^}]*} [1-9]");

        // The app's own origins are allowed.
        json().header("Origin", APP_ORIGIN)
                .body("{\"step\":\"SUBMIT_MFA\"}")
                .post("/connect/events")
                .then()
                .statusCode(202);
        json().header("Origin", "http://localhost:3000")
                .body(redirect)
                .post("/connect/events")
                .then()
                .statusCode(200);
    }

    @Test
    void markupIsNotAnInstitution() {
        long before = KafkaEvents.recordCount(CONNECT_TOPICS);
        String tag = signer.sign("user-x", FlinksFlow.STANDARD).value();
        given().redirects()
                .follow(false)
                .queryParam("loginId", UUID.randomUUID().toString())
                .queryParam("institution", "<script>alert(document.cookie)</script>")
                .queryParam("tag", tag)
                .get("/connect/callback")
                .then()
                .statusCode(302)
                .header("Location", FAILURE_URL + "&error=invalid-institution");
        problem(
                json().header("Origin", APP_ORIGIN)
                        .body("{\"step\":\"REDIRECT\",\"loginId\":\"" + UUID.randomUUID()
                                + "\",\"institution\":\"<img src=x onerror=alert(1)>\",\"tag\":\"" + tag + "\"}")
                        .post("/connect/events"),
                400,
                "invalid-institution");
        problem(
                json().header("Origin", APP_ORIGIN)
                        .body("{\"step\":\"<script>\",\"tag\":\"" + tag + "\"}")
                        .post("/connect/events"),
                400,
                "invalid-event");
        assertThat(KafkaEvents.recordCount(CONNECT_TOPICS)).isEqualTo(before);
    }

    @Test
    void aTagBindsItsSessionToTheFirstLoginAndReplaysWithOtherLoginsAreRefused() throws Exception {
        String tag = newSession("user-victim");
        String login = UUID.randomUUID().toString();
        callback(login, "FlinksCapital", tag, List.of()).then().statusCode(302).header("Location", SUCCESS_URL);
        long loginsBefore = KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED));

        // The attack: the same tag, 50 callbacks with random loginIds, 10 at a time.
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Response>> replays = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replays.add(pool.submit(() -> callback(UUID.randomUUID().toString(), "FlinksCapital", tag, List.of())));
            }
            for (Future<Response> replay : replays) {
                replay.get().then().statusCode(302).header("Location", FAILURE_URL + "&error=tag-already-used");
            }
        } finally {
            pool.shutdownNow();
        }
        // ... and the relay, and a failure naming another login: refused too.
        problem(
                relay("{\"step\":\"REDIRECT\",\"loginId\":\"" + UUID.randomUUID()
                        + "\",\"institution\":\"FlinksCapital\",\"tag\":\"" + tag + "\"}"),
                409,
                "tag-already-used");
        problem(
                relay("{\"step\":\"ABANDONED\",\"loginId\":\"" + UUID.randomUUID() + "\",\"tag\":\"" + tag + "\"}"),
                409,
                "tag-already-used");

        // no LoginReceived for a replay: nothing for the poller to fetch under the victim's user reference
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED)))
                .as("no LoginReceived for a replay")
                .isEqualTo(loginsBefore);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern(
                        "ingest_connect_tag_refused_total\\{[^}]*endpoint=\"connect_callback\"[^}]*reason=\"tag-already-used\"[^}]*} "
                                + "([5-9][0-9]|[1-9][0-9]{2,})\\.0");

        // The login the session is bound to may come again, by either way: the same record id, no refusal.
        String eventId = ((LoginReceived) KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> login.equals(r.key()))
                        .get(0)
                        .value())
                .getEventId();
        callback(login, "FlinksCapital", tag, List.of()).then().statusCode(302).header("Location", SUCCESS_URL);
        relay("{\"step\":\"REDIRECT\",\"loginId\":\"" + login.toUpperCase() + "\",\"institution\":\"FlinksCapital\","
                        + "\"tag\":\"" + tag + "\"}")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(eventId));
        assertThat(KafkaEvents.avroById(Topics.LOGIN_RECEIVED, eventId)).hasSize(3);
    }

    @Test
    void twoLoginsRacingForAFreshTagBindItToExactlyOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String tag = newSession("user-race");
            List<String> logins =
                    List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Response>> answers = new ArrayList<>();
                for (String login : logins) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return callback(login, "FlinksCapital", tag, List.of());
                    }));
                }
                go.countDown();
                List<String> locations = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    locations.add(answer.get().then().statusCode(302).extract().header("Location"));
                }
                assertThat(locations).containsExactlyInAnyOrder(SUCCESS_URL, FAILURE_URL + "&error=tag-already-used");
                String winner = logins.get(locations.indexOf(SUCCESS_URL));
                String loser = logins.get(1 - locations.indexOf(SUCCESS_URL));
                assertThat(KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> winner.equals(r.key())))
                        .hasSize(1);
                callback(loser, "FlinksCapital", tag, List.of())
                        .then()
                        .statusCode(302)
                        .header("Location", FAILURE_URL + "&error=tag-already-used");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRepeatedLoginWithOtherContentIsAConflictNotASecondRecord() {
        String tag = newSession("user-c");
        String login = UUID.randomUUID().toString();
        String account = UUID.randomUUID().toString();
        callback(login, "FlinksCapital", tag, List.of(account))
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        long before = KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED));

        callback(login, "FlinksCapital", tag, List.of(UUID.randomUUID().toString()))
                .then()
                .statusCode(302)
                .header("Location", FAILURE_URL + "&error=event-conflict");
        callback(login, "RBC", tag, List.of(account))
                .then()
                .statusCode(302)
                .header("Location", FAILURE_URL + "&error=event-conflict");
        problem(
                relay("{\"step\":\"REDIRECT\",\"loginId\":\"" + login + "\",\"institution\":\"FlinksCapital\","
                        + "\"tag\":\"" + tag + "\"}"),
                409,
                "event-conflict");
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED))).isEqualTo(before);

        // The same content again (accounts in another order and case count as the same) is a harmless repeat.
        callback(login, "FlinksCapital", tag, List.of(account.toUpperCase()))
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED))).isEqualTo(before + 1);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("ingest_connect_tag_refused_total\\{[^}]*reason=\"event-conflict\"[^}]*} [1-9]");
    }

    private static String newSession(String userReference) {
        return given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"" + userReference + "\"}")
                .post("/connect/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("tag");
    }

    private static Response callback(String loginId, String institution, String tag, List<String> accountIds) {
        RequestSpecification request = given().redirects()
                .follow(false)
                .queryParam("loginId", loginId)
                .queryParam("institution", institution)
                .queryParam("tag", tag);
        for (String account : accountIds) {
            request.queryParam("accountId", account);
        }
        return request.get("/connect/callback");
    }

    private static Response relay(String event) {
        return json().header("Origin", APP_ORIGIN).body(event).post("/connect/events");
    }

    private static RequestSpecification json() {
        return given().contentType("application/json");
    }
}
