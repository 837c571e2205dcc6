package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.API_KEY;
import static dev.flinkspipeline.ingest.it.IngestTestResource.APP_ORIGIN;
import static dev.flinkspipeline.ingest.it.IngestTestResource.FAILURE_URL;
import static dev.flinkspipeline.ingest.it.IngestTestResource.SUCCESS_URL;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Connect sessions, callbacks and relayed events, driven through the sandbox's Connect pages. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class ConnectEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    private final TagSigner signer =
            new TagSigner(List.of(IngestTestResource.TAG_SECRET), Duration.ofMinutes(10), Clock.systemUTC());

    @Test
    void sessionThroughConnectToCallbackEventsAndWebhooks() throws Exception {
        String userReference = "user-" + UUID.randomUUID();
        Response session = given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body(
                        "{\"userReference\":\"" + userReference + "\",\"language\":\"en\",\"demo\":true,"
                                + "\"accountSelector\":true,\"accountSelectorMultiple\":true,\"daysOfTransactions\":\"Days90\"}")
                .post("/connect/sessions");
        session.then().statusCode(200);
        String connectUrl = session.path("connectUrl");
        String tag = session.path("tag");
        assertThat(Instant.parse(session.path("tagExpiresAt")))
                .isAfter(Instant.now().plusSeconds(500));
        assertThat(connectUrl)
                .startsWith(IngestTestResource.sandbox().connectUrl() + "?")
                .contains("authorizeToken=")
                .contains("demo=true")
                .contains("accountSelectorEnable=true")
                .contains("redirectUrl="
                        + URLEncoder.encode(IngestTestResource.baseUrl() + "/connect/callback", StandardCharsets.UTF_8))
                .contains("tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));

        // The customer goes through the sandbox's Connect pages.
        String sandbox = IngestTestResource.sandbox().baseUrl();
        String page = given().urlEncodingEnabled(false)
                .get(connectUrl)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String flowId = first(page, "name=\"flowId\" value=\"([^\"]+)\"");
        given().formParam("flowId", flowId)
                .formParam("institution", "FlinksCapital")
                .post(sandbox + "/v2/institution")
                .then()
                .statusCode(200);
        page = given().formParam("flowId", flowId)
                .formParam("username", "greatday_nomfa")
                .formParam("password", "Everyday")
                .formParam("newLogin", "on")
                .post(sandbox + "/v2/credentials")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> accounts = all(page, "name=\"accountId\" value=\"([^\"]+)\"");
        assertThat(accounts.size()).isGreaterThan(1);
        page = given().formParam("flowId", flowId)
                .formParam("accountId", accounts.get(0), accounts.get(1))
                .post(sandbox + "/v2/accounts")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String callback = first(page, "id=\"redirect-link\" href=\"([^\"]+)\"").replace("&amp;", "&");
        assertThat(callback).startsWith(IngestTestResource.baseUrl() + "/connect/callback?");

        // The browser lands on the callback: LoginReceived, then the success page.
        given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get(callback)
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        String loginId = first(callback, "loginId=([0-9a-f-]{36})");
        ConsumerRecord<String, Object> record = KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> loginId.equals(r.key()))
                .get(0);
        LoginReceived login = (LoginReceived) record.value();
        assertThat(login.getLoginId()).isEqualTo(loginId);
        assertThat(login.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(login.getTag()).isEqualTo(tag);
        assertThat(login.getUserReference()).isEqualTo(userReference);
        assertThat(login.getAccountIds()).containsExactly(accounts.get(0), accounts.get(1));
        assertThat(login.getVia()).isEqualTo(LoginSource.REDIRECT_URL);
        assertThat(login.getFlow())
                .as("no flow requested: the deployment default")
                .isEqualTo(FlinksFlow.STANDARD);

        // The front end also relays the iframe's REDIRECT event: same eventId.
        JsonNode events =
                JSON.readTree(first(page, "<script id=\"flinks-events\" type=\"application/json\">(.*?)</script>")
                        .replace("<\\/", "</"));
        JsonNode redirect = null;
        for (JsonNode e : events) {
            if ("REDIRECT".equals(e.path("step").asText())) {
                redirect = e;
            }
        }
        assertThat(redirect).isNotNull();
        given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body(JSON.writeValueAsBytes(redirect))
                .post("/connect/events")
                .then()
                .statusCode(200)
                .body("eventId", equalTo(login.getEventId()))
                .body("loginId", equalTo(loginId));
        List<ConsumerRecord<String, Object>> both = KafkaEvents.avroById(Topics.LOGIN_RECEIVED, login.getEventId());
        assertThat(both).hasSize(2);
        assertThat(((LoginReceived) both.get(1).value()).getVia()).isEqualTo(LoginSource.CONNECT_EVENT);

        // Flinks (the sandbox) then pushes the KYC and GetAccountsDetail webhooks, HMAC-signed.
        KycReceived kyc = (KycReceived) KafkaEvents.avro(Topics.KYC_RECEIVED, r -> loginId.equals(r.key()))
                .get(0)
                .value();
        assertThat(kyc.getHolders()).isNotEmpty();
        assertThat(kyc.getUserReference())
                .as("the sandbox's KYC webhook carries no Tag")
                .isNull();
        AccountsReady ready = (AccountsReady) KafkaEvents.avro(Topics.ACCOUNTS_READY, r -> loginId.equals(r.key()))
                .get(0)
                .value();
        assertThat(ready.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(ready.getTag()).isEqualTo(tag);
        assertThat(ready.getUserReference()).isEqualTo(userReference);
        assertThat(ready.getAccounts()).isNotEmpty();
    }

    @Test
    void aSessionInTheWebhookFlowGivesAWebhookLogin() {
        Response session = given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"user-w\",\"flow\":\"webhook\"}")
                .post("/connect/sessions");
        session.then().statusCode(200).body("flow", equalTo("webhook"));
        String tag = session.path("tag");
        assertThat(tag).startsWith("v2.");
        assertThat((String) session.path("sessionId")).isEqualTo("connect-session:" + tag.split("\\.")[2]);

        LoginReceived login = callbackThenLoginReceived(UUID.randomUUID().toString(), tag);
        assertThat(login.getFlow()).isEqualTo(FlinksFlow.WEBHOOK);
        assertThat(login.getUserReference()).isEqualTo("user-w");
        assertThat(login.getTag()).isEqualTo(tag);

        // The relayed REDIRECT of another webhook-flow session says the same.
        tag = given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"user-w\",\"flow\":\"webhook\"}")
                .post("/connect/sessions")
                .path("tag");
        String loginId = UUID.randomUUID().toString();
        given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body("{\"step\":\"REDIRECT\",\"loginId\":\"" + loginId
                        + "\",\"institution\":\"FlinksCapital\",\"url\":\"https://app.example/done?tag="
                        + URLEncoder.encode(tag, StandardCharsets.UTF_8) + "\"}")
                .post("/connect/events")
                .then()
                .statusCode(200);
        LoginReceived relayed = (LoginReceived) KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> loginId.equals(r.key()))
                .get(0)
                .value();
        assertThat(relayed.getFlow()).isEqualTo(FlinksFlow.WEBHOOK);
        assertThat(relayed.getVia()).isEqualTo(LoginSource.CONNECT_EVENT);
    }

    @Test
    void aStandardSessionAndADefaultSessionGiveStandardLogins() {
        for (String body :
                List.of("{\"userReference\":\"user-s\",\"flow\":\"standard\"}", "{\"userReference\":\"user-s\"}")) {
            Response session = given().contentType("application/json")
                    .header("X-Api-Key", API_KEY)
                    .body(body)
                    .post("/connect/sessions");
            session.then().statusCode(200).body("flow", equalTo("standard"));
            LoginReceived login = callbackThenLoginReceived(UUID.randomUUID().toString(), session.path("tag"));
            assertThat(login.getFlow()).isEqualTo(FlinksFlow.STANDARD);
        }
    }

    @Test
    void v1TagsOfEarlierSessionsAreStillAcceptedInTheDefaultFlow() {
        String tag = LegacyTags.v1(
                IngestTestResource.TAG_SECRET, "user-v1", Instant.now().plusSeconds(600));
        LoginReceived login = callbackThenLoginReceived(UUID.randomUUID().toString(), tag);
        assertThat(login.getUserReference()).isEqualTo("user-v1");
        assertThat(login.getFlow()).isEqualTo(FlinksFlow.STANDARD);
        assertThat(login.getTag()).isEqualTo(tag);
        // Still verified: an expired or tampered v1 tag is refused like any other.
        failure(
                LOGIN,
                "FlinksCapital",
                LegacyTags.v1(
                        IngestTestResource.TAG_SECRET, "user-v1", Instant.now().minusSeconds(5)),
                "expired-tag");
        failure(
                LOGIN,
                "FlinksCapital",
                LegacyTags.v1(
                        "someone-elses-secret-123", "user-v1", Instant.now().plusSeconds(600)),
                "forged-tag");
    }

    private static LoginReceived callbackThenLoginReceived(String loginId, String tag) {
        given().redirects()
                .follow(false)
                .queryParam("loginId", loginId)
                .queryParam("institution", "FlinksCapital")
                .queryParam("tag", tag)
                .get("/connect/callback")
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        return (LoginReceived) KafkaEvents.avro(Topics.LOGIN_RECEIVED, r -> loginId.equals(r.key()))
                .get(0)
                .value();
    }

    @Test
    void aDisabledLoginRelayedFromConnectBecomesPipelineFailed() throws Exception {
        Response session = given().contentType("application/json")
                .header("X-Api-Key", API_KEY)
                .body("{\"userReference\":\"user-d\",\"flow\":\"webhook\",\"demo\":true}")
                .post("/connect/sessions");
        session.then().statusCode(200);
        String tag = session.path("tag");
        String sessionId = session.path("sessionId");

        // The customer's bank login is disabled: the sandbox's Connect page posts DISABLED_LOGIN.
        String sandbox = IngestTestResource.sandbox().baseUrl();
        String page = given().urlEncodingEnabled(false)
                .get((String) session.path("connectUrl"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String flowId = first(page, "name=\"flowId\" value=\"([^\"]+)\"");
        given().formParam("flowId", flowId)
                .formParam("institution", "FlinksCapital")
                .post(sandbox + "/v2/institution")
                .then()
                .statusCode(200);
        page = given().formParam("flowId", flowId)
                .formParam("username", "test_disabled_account")
                .formParam("password", "Everyday")
                .post(sandbox + "/v2/credentials")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        // The front end relays every event with its session's tag: only DISABLED_LOGIN is terminal.
        String eventId = null;
        for (JsonNode e :
                JSON.readTree(first(page, "<script id=\"flinks-events\" type=\"application/json\">(.*?)</script>")
                        .replace("<\\/", "</"))) {
            ((ObjectNode) e).put("tag", tag);
            Response relayed = given().header("Origin", APP_ORIGIN)
                    .contentType("application/json")
                    .body(JSON.writeValueAsBytes(e))
                    .post("/connect/events");
            if ("DISABLED_LOGIN".equals(e.path("step").asText())) {
                eventId = relayed.then()
                        .statusCode(200)
                        .body("key", equalTo(sessionId))
                        .body("reason", equalTo("DISABLED_LOGIN"))
                        .extract()
                        .path("eventId");
            } else {
                relayed.then().statusCode(202);
            }
        }
        assertThat(eventId).as("DISABLED_LOGIN was relayed").isNotNull();
        PipelineFailed failed = (PipelineFailed)
                KafkaEvents.oneAvro(Topics.PIPELINE_FAILED, eventId).value();
        assertThat(failed.getLoginId()).isEqualTo(sessionId);
        assertThat(failed.getStage()).isEqualTo(FailureStage.CONNECT);
        assertThat(failed.getReason()).isEqualTo("DISABLED_LOGIN");
        assertThat(failed.getFlinksCode()).isEqualTo("DISABLED_LOGIN");
        assertThat(failed.getFlow()).isEqualTo("WEBHOOK");
        assertThat(failed.getAttempts()).isEqualTo(1);

        // The same failure relayed again, and the customer then closing the widget: one id for the session.
        for (String again : List.of(
                "{\"step\":\"DISABLED_LOGIN\",\"tag\":\"" + tag + "\"}",
                "{\"step\":\"COMPONENT_CLOSE_SESSION\",\"institution\":\"FlinksCapital\",\"tag\":\"" + tag + "\"}")) {
            given().header("Origin", APP_ORIGIN)
                    .contentType("application/json")
                    .body(again)
                    .post("/connect/events")
                    .then()
                    .statusCode(200)
                    .body("eventId", equalTo(eventId));
        }
        List<ConsumerRecord<String, Object>> records = KafkaEvents.avroById(Topics.PIPELINE_FAILED, eventId);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo(sessionId));
        assertThat(((PipelineFailed) records.get(2).value()).getReason()).isEqualTo("ABANDONED");
    }

    @Test
    void anAbandonmentWithALoginIdIsKeyedByIt() {
        String tag = signer.sign("user-a", FlinksFlow.STANDARD).value();
        String loginId = UUID.randomUUID().toString();
        String eventId = given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body("{\"step\":\"ABANDONED\",\"loginId\":\"" + loginId
                        + "\",\"flinksCode\":\"INVALID_PASSWORD\",\"tag\":\"" + tag + "\"}")
                .post("/connect/events")
                .then()
                .statusCode(200)
                .body("key", equalTo(loginId))
                .body("reason", equalTo("ABANDONED"))
                .extract()
                .path("eventId");
        PipelineFailed failed = (PipelineFailed)
                KafkaEvents.oneAvro(Topics.PIPELINE_FAILED, eventId).value();
        assertThat(failed.getLoginId()).isEqualTo(loginId);
        assertThat(failed.getFlinksCode()).isEqualTo("INVALID_PASSWORD");
        assertThat(failed.getFlow()).isEqualTo("STANDARD");
        assertThat(failed.getMessage())
                .isEqualTo("The customer left Connect without connecting after INVALID_PASSWORD.");
    }

    @Test
    void aConnectFailureNeedsTheSessionsValidTagAndWritesNothingOtherwise() {
        long before = KafkaEvents.recordCount(List.of(Topics.PIPELINE_FAILED));
        String forged = new TagSigner(List.of("someone-elses-secret-123"), Duration.ofMinutes(10), Clock.systemUTC())
                .sign("user-1", FlinksFlow.STANDARD)
                .value();
        String expired = new TagSigner(
                        List.of(IngestTestResource.TAG_SECRET),
                        Duration.ofMinutes(10),
                        Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .sign("user-1", FlinksFlow.STANDARD)
                .value();
        problem(relay("{\"step\":\"DISABLED_LOGIN\"}"), 400, "missing-tag");
        problem(relay("{\"step\":\"ABANDONED\",\"tag\":\"" + forged + "\"}"), 400, "forged-tag");
        problem(relay("{\"step\":\"ABANDONED\",\"tag\":\"" + expired + "\"}"), 400, "expired-tag");
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        problem(
                relay("{\"step\":\"ABANDONED\",\"loginId\":\"nope\",\"tag\":\"" + tag + "\"}"),
                400,
                "invalid-login-id");
        problem(relay("{\"step\":\"ABANDONED\",\"flinksCode\":\"<b>\",\"tag\":\"" + tag + "\"}"), 400, "invalid-event");
        // Not terminal: counted, nothing written, no tag needed.
        relay("{\"step\":\"INVALID_PASSWORD\"}").then().statusCode(202);
        assertThat(KafkaEvents.recordCount(List.of(Topics.PIPELINE_FAILED))).isEqualTo(before);
    }

    private static Response relay(String event) {
        return given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body(event)
                .post("/connect/events");
    }

    @Test
    void otherConnectStepsAreCounted() {
        given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body("{\"step\":\"SUBMIT_MFA\",\"mfaTypes\":[\"QuestionAndAnswer\"]}")
                .post("/connect/events")
                .then()
                .statusCode(202)
                .body("step", equalTo("SUBMIT_MFA"));
        given().header("Origin", APP_ORIGIN)
                .contentType("application/json")
                .body("{\"step\":\"SOMETHING_NEW\"}")
                .post("/connect/events")
                .then()
                .statusCode(202)
                .body("step", equalTo("OTHER"));
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("ingest_connect_events_total\\{[^}]*step=\"SUBMIT_MFA\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("ingest_connect_events_total\\{[^}]*step=\"OTHER\"[^}]*} [1-9]");
    }

    @Test
    void invalidCallbacksRedirectToTheFailurePageAndEmitNothing() {
        long before = KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED));
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        String expired = new TagSigner(
                        List.of(IngestTestResource.TAG_SECRET),
                        Duration.ofMinutes(10),
                        Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC))
                .sign("user-1", FlinksFlow.STANDARD)
                .value();
        String forged = new TagSigner(List.of("someone-elses-secret-123"), Duration.ofMinutes(10), Clock.systemUTC())
                .sign("user-1", FlinksFlow.STANDARD)
                .value();
        String[] parts = tag.split("\\.");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString("admin".getBytes(StandardCharsets.UTF_8));
        String tampered = String.join(".", parts);

        failure(null, "FlinksCapital", tag, "missing-login-id");
        failure("not-a-guid", "FlinksCapital", tag, "invalid-login-id");
        failure(LOGIN, null, tag, "missing-institution");
        failure(LOGIN, "FlinksCapital", null, "missing-tag");
        failure(LOGIN, "FlinksCapital", "userId=123", "malformed-tag");
        failure(LOGIN, "FlinksCapital", forged, "forged-tag");
        failure(LOGIN, "FlinksCapital", tampered, "forged-tag");
        failure(LOGIN, "FlinksCapital", expired, "expired-tag");

        // Relayed REDIRECT events with bad input: problems, no event.
        problem(
                given().header("Origin", APP_ORIGIN)
                        .contentType("application/json")
                        .body("{\"step\":\"REDIRECT\",\"institution\":\"FlinksCapital\"}")
                        .post("/connect/events"),
                400,
                "missing-login-id");
        problem(
                given().header("Origin", APP_ORIGIN)
                        .contentType("application/json")
                        .body("{\"step\":\"REDIRECT\",\"loginId\":\"" + LOGIN
                                + "\",\"institution\":\"FlinksCapital\",\"url\":\"https://app/x?tag=" + forged + "\"}")
                        .post("/connect/events"),
                400,
                "forged-tag");
        problem(
                given().header("Origin", APP_ORIGIN)
                        .contentType("application/json")
                        .body("{\"step\":")
                        .post("/connect/events"),
                400,
                "malformed-json");
        problem(
                given().header("Origin", APP_ORIGIN)
                        .contentType("text/plain")
                        .body("{}")
                        .post("/connect/events"),
                415,
                "unsupported-media-type");

        // A valid one afterwards is the only new record.
        given().redirects()
                .follow(false)
                .queryParam("loginId", UUID.randomUUID().toString())
                .queryParam("institution", "FlinksCapital")
                .queryParam("tag", tag)
                .get("/connect/callback")
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED))).isEqualTo(before + 1);
    }

    @Test
    void sessionsRequireTheApiKeyAndAValidBody() {
        String body = "{\"userReference\":\"u-1\"}";
        problem(given().contentType("application/json").body(body).post("/connect/sessions"), 401, "invalid-api-key");
        problem(
                given().contentType("application/json")
                        .header("X-Api-Key", "wrong")
                        .body(body)
                        .post("/connect/sessions"),
                401,
                "invalid-api-key");
        problem(
                given().contentType("text/plain")
                        .header("X-Api-Key", API_KEY)
                        .body(body)
                        .post("/connect/sessions"),
                415,
                "unsupported-media-type");
        problem(
                given().contentType("application/json")
                        .header("X-Api-Key", API_KEY)
                        .body("{\"userReference\":")
                        .post("/connect/sessions"),
                400,
                "malformed-json");
        problem(
                given().contentType("application/json")
                        .header("X-Api-Key", API_KEY)
                        .body("{\"userReference\":\"u\",\"password\":\"x\"}")
                        .post("/connect/sessions"),
                400,
                "invalid-session-request");
        problem(
                given().contentType("application/json")
                        .header("X-Api-Key", API_KEY)
                        .body("{\"language\":\"en\"}")
                        .post("/connect/sessions"),
                400,
                "invalid-session-request");
        problem(
                given().contentType("application/json")
                        .header("X-Api-Key", API_KEY)
                        .body("{\"userReference\":\"u\",\"language\":\"de\"}")
                        .post("/connect/sessions"),
                400,
                "invalid-session-request");
        for (String flow : List.of("\"both\"", "\"WEBHOOK\"", "\"\"", "1", "true")) {
            Response answer = given().contentType("application/json")
                    .header("X-Api-Key", API_KEY)
                    .body("{\"userReference\":\"u\",\"flow\":" + flow + "}")
                    .post("/connect/sessions");
            problem(answer, 400, "invalid-session-request");
            assertThat((String) answer.path("detail")).as("flow %s", flow).contains("flow");
        }
    }

    private static void failure(String loginId, String institution, String tag, String code) {
        var request = given().redirects().follow(false);
        if (loginId != null) {
            request.queryParam("loginId", loginId);
        }
        if (institution != null) {
            request.queryParam("institution", institution);
        }
        if (tag != null) {
            request.queryParam("tag", tag);
        }
        request.get("/connect/callback").then().statusCode(302).header("Location", FAILURE_URL + "&error=" + code);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("pattern %s", regex).isTrue();
        return m.group(1);
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
