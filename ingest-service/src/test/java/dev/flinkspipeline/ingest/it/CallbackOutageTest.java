package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.API_KEY;
import static dev.flinkspipeline.ingest.it.IngestTestResource.APP_ORIGIN;
import static dev.flinkspipeline.ingest.it.IngestTestResource.FAILURE_URL;
import static dev.flinkspipeline.ingest.it.IngestTestResource.SUCCESS_URL;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker away while customers finish Connect: the callback answers a page that keeps the browser
 * storing, the store and the relay answer 503 + Retry-After ("not stored, repeat"), and once the broker is
 * back every repetition ends in 200 with exactly one kind of record per login.
 */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class CallbackOutageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCallbackDuringAnOutageKeepsTheBrowserStoringUntilTheLoginLands() throws Exception {
        String tag = newSession();
        String relayTag = newSession();
        String login = UUID.randomUUID().toString();
        String relayed = UUID.randomUUID().toString();
        String account = UUID.randomUUID().toString();
        String relay = "{\"step\":\"REDIRECT\",\"loginId\":\"" + relayed + "\",\"institution\":\"FlinksCapital\","
                + "\"tag\":\"" + relayTag + "\"}";
        KafkaBroker broker = IngestTestResource.infra().broker();
        String storeUrl;
        broker.stop();
        try {
            Response page = given().redirects()
                    .follow(false)
                    .queryParam("loginId", login)
                    .queryParam("institution", "FlinksCapital")
                    .queryParam("tag", tag)
                    .queryParam("accountId", account)
                    .get("/connect/callback");
            page.then()
                    .statusCode(503)
                    .header("Retry-After", "2")
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer")
                    .contentType(startsWith("text/html"))
                    .header("Content-Security-Policy", containsString("script-src 'nonce-"))
                    .body(containsString("id=\"connect-status\""));
            JsonNode settings = settings(page.asString());
            storeUrl = settings.get("storeUrl").asText();
            assertThat(storeUrl).startsWith("callback/store?loginId=" + login);
            assertThat(settings.get("successUrl").asText()).isEqualTo(SUCCESS_URL);
            assertThat(settings.get("failureUrl").asText()).isEqualTo(FAILURE_URL);
            long total = 0;
            for (JsonNode delay : settings.get("delaysMs")) {
                total += delay.asLong();
            }
            assertThat(total).as("about five minutes of repetitions").isBetween(299_500L, 300_000L);
            assertThat(page.asString())
                    .contains("<noscript><meta http-equiv=\"refresh\" content=\"15;url=callback?loginId=" + login)
                    .contains("&amp;attempt=1\">");

            // The page's repetition, and the relay: "not stored, repeat".
            Response store = given().post("/connect/" + storeUrl);
            problem(
                    store,
                    503,
                    store.path("type").toString().endsWith("not-stored") ? "not-stored" : "store-unconfirmed");
            store.then().header("Retry-After", "2");
            Response relayAnswer = given().contentType("application/json")
                    .header("Origin", APP_ORIGIN)
                    .body(relay)
                    .post("/connect/events");
            relayAnswer.then().statusCode(503).header("Retry-After", "2");

            // A browser without JavaScript that reloaded until the deadline goes to the failure page.
            given().redirects()
                    .follow(false)
                    .urlEncodingEnabled(false)
                    .get("/connect/" + storeUrl.replace("callback/store?", "callback?") + "&attempt=20")
                    .then()
                    .statusCode(302)
                    .header("Location", FAILURE_URL + "&error=unavailable");
        } finally {
            broker.start();
        }

        // The broker is back: the browser's next repetitions end in 200, then the success page.
        Response stored = until200(() -> given().post("/connect/" + storeUrl));
        stored.then()
                .body("status", equalTo("stored"))
                .body("loginId", equalTo(login))
                .body("location", equalTo(SUCCESS_URL));
        String eventId = stored.path("eventId");
        Response relayedAnswer = until200(() -> given().contentType("application/json")
                .header("Origin", APP_ORIGIN)
                .body(relay)
                .post("/connect/events"));

        // Whatever landed (repetitions, a record confirmed too late): one eventId, one content per login.
        List<ConsumerRecord<String, Object>> copies =
                KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> login.equals(r.key()));
        assertThat(copies).isNotEmpty().allSatisfy(r -> {
            LoginReceived event = (LoginReceived) r.value();
            assertThat(event.getEventId()).isEqualTo(eventId);
            assertThat(event.getAccountIds()).containsExactly(account);
            assertThat(event.getVia()).isEqualTo(LoginSource.REDIRECT_URL);
        });
        assertThat(KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> relayed.equals(r.key())))
                .allSatisfy(r ->
                        assertThat(((LoginReceived) r.value()).getEventId()).isEqualTo(relayedAnswer.path("eventId")));
        // The session stays bound to its login through the outage.
        given().post("/connect/callback/store?loginId=" + UUID.randomUUID() + "&institution=FlinksCapital&tag=" + tag)
                .then()
                .statusCode(409);
    }

    @Test
    void theStoreEndpointIsTheCallbackWithoutTheRedirect() {
        String tag = newSession();
        String login = UUID.randomUUID().toString();
        String query = "?loginId=" + login + "&institution=FlinksCapital&tag=" + tag;
        Response stored = given().post("/connect/callback/store" + query);
        stored.then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("status", equalTo("stored"))
                .body("loginId", equalTo(login));
        // repeating it is harmless: the same record
        given().post("/connect/callback/store" + query).then().statusCode(200).body("eventId", equalTo((String)
                stored.path("eventId")));
        problem(
                given().post("/connect/callback/store?loginId=nope&institution=FlinksCapital&tag=" + tag),
                400,
                "invalid-login-id");
        problem(
                given().post("/connect/callback/store?loginId=" + UUID.randomUUID() + "&institution=FlinksCapital&tag="
                        + tag),
                409,
                "tag-already-used");
        given().get("/connect/callback/store" + query).then().statusCode(405);
    }

    private static Response until200(Supplier<Response> request) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response answer = request.get();
            if (answer.statusCode() == 200) {
                return answer;
            }
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotNull();
            Thread.sleep(500);
        }
        throw new AssertionError("not stored within 90 s of the broker's return");
    }

    private static JsonNode settings(String html) throws Exception {
        Matcher m = Pattern.compile(
                        "<script type=\"application/json\" id=\"connect-retry\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("the page's settings").isTrue();
        return JSON.readTree(m.group(1));
    }

    private static String newSession() {
        return given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"user-" + UUID.randomUUID() + "\"}")
                .post("/connect/sessions")
                .then()
                .statusCode(200)
                .extract()
                .path("tag");
    }
}
