package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.APP_ORIGIN;
import static dev.flinkspipeline.ingest.it.IngestTestResource.FAILURE_URL;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attacks on the Connect endpoints: each one refused, and nothing written for it. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class ConnectGuardTest {

    private static final List<String> CONNECT_TOPICS = List.of(Topics.LOGIN_RECEIVED, Topics.PIPELINE_FAILED);
    private final TagSigner signer = new TagSigner(List.of(IngestTestResource.TAG_SECRET), Duration.ofMinutes(10),
            Clock.systemUTC());

    @Test
    void connectEventsComeOnlyFromAllowedOrigins() {
        long before = KafkaEvents.recordCount(CONNECT_TOPICS);
        String tag = signer.sign("user-o", FlinksFlow.STANDARD).value();
        String redirect = "{\"step\":\"REDIRECT\",\"loginId\":\"" + UUID.randomUUID()
                + "\",\"institution\":\"FlinksCapital\",\"tag\":\"" + tag + "\"}";
        String abandoned = "{\"step\":\"ABANDONED\",\"tag\":\"" + tag + "\"}";
        for (String body : List.of(redirect, abandoned, "{\"step\":\"SUBMIT_MFA\"}")) {
            problem(json().body(body).post("/connect/events"), 403, "origin-not-allowed");
            for (String origin : List.of("https://evil.example", "null", "http://app.example", "https://app.example.evil",
                    "https://app.example:8443")) {
                problem(json().header("Origin", origin).body(body).post("/connect/events"), 403, "origin-not-allowed");
            }
        }
        assertThat(KafkaEvents.recordCount(CONNECT_TOPICS)).isEqualTo(before);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString()).containsPattern(
                "ingest_requests_total\\{[^}]*endpoint=\"connect_events\"[^}]*reason=\"origin-not-allowed\"[^}]*} [1-9]");

        // The app's own origins are allowed.
        json().header("Origin", APP_ORIGIN).body("{\"step\":\"SUBMIT_MFA\"}").post("/connect/events").then().statusCode(202);
        json().header("Origin", "http://localhost:3000").body(redirect).post("/connect/events").then().statusCode(200);
    }

    @Test
    void markupIsNotAnInstitution() {
        long before = KafkaEvents.recordCount(CONNECT_TOPICS);
        String tag = signer.sign("user-x", FlinksFlow.STANDARD).value();
        given().redirects().follow(false).queryParam("loginId", UUID.randomUUID().toString())
                .queryParam("institution", "<script>alert(document.cookie)</script>").queryParam("tag", tag)
                .get("/connect/callback").then().statusCode(302)
                .header("Location", FAILURE_URL + "&error=invalid-institution");
        problem(json().header("Origin", APP_ORIGIN).body("{\"step\":\"REDIRECT\",\"loginId\":\"" + UUID.randomUUID()
                + "\",\"institution\":\"<img src=x onerror=alert(1)>\",\"tag\":\"" + tag + "\"}")
                .post("/connect/events"), 400, "invalid-institution");
        problem(json().header("Origin", APP_ORIGIN).body("{\"step\":\"<script>\",\"tag\":\"" + tag + "\"}")
                .post("/connect/events"), 400, "invalid-event");
        assertThat(KafkaEvents.recordCount(CONNECT_TOPICS)).isEqualTo(before);
    }

    private static RequestSpecification json() {
        return given().contentType("application/json");
    }
}
