package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.WEBHOOK_SECRET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code POST /webhooks/flinks} against a real broker and the dev registry. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class WebhookEndpointTest {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    static final List<String> TOPICS = List.of(
            Topics.LOGIN_RECEIVED,
            Topics.KYC_RECEIVED,
            Topics.ACCOUNTS_READY,
            Topics.WEBHOOK_UNHANDLED,
            Topics.PIPELINE_FAILED);

    static byte[] gadWebhook(String loginId, String requestId) {
        ObjectNode body = IngestTestResource.sandbox()
                .dataGenerator()
                .webhookAccountsDetail(
                        loginId, "greatday_nomfa", requestId, "userId=" + loginId, DaysOfTransactions.Days365);
        return Json.bytes(body);
    }

    static Response post(byte[] body, String secret) {
        return given().contentType("application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(secret, body))
                .body(body)
                .post("/webhooks/flinks");
    }

    @Test
    void fullMultiAccountGetAccountsDetailBecomesAccountsReady() throws Exception {
        String loginId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        byte[] body = gadWebhook(loginId, requestId);
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("Accounts").size()).isGreaterThan(1);
        assertThat(json.get("Accounts").get(0).get("Transactions").size()).isGreaterThan(100);

        String eventId = post(body, WEBHOOK_SECRET)
                .then()
                .statusCode(200)
                .body("status", equalTo("accepted"))
                .body("type", equalTo("AccountsReady"))
                .extract()
                .path("eventId");

        ConsumerRecord<String, AccountsReady> record = KafkaEvents.oneAvro(Topics.ACCOUNTS_READY, eventId);
        assertThat(record.key()).isEqualTo(loginId);
        assertThat(KafkaEvents.header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.flinkspipeline.AccountsReady");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/flinks-pipeline/ingest");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.SPECVERSION)).isEqualTo("1.0");
        AccountsReady event = record.value();
        assertThat(event.getEventId()).isEqualTo(eventId);
        assertThat(event.getSource()).isEqualTo(AccountsSource.WEBHOOK);
        assertThat(event.getReceivedAt()).isNotNull();
        Expectations.assertAccountsReady(event, json);
    }

    @Test
    void webhookRecordContinuesTheTraceOfTheRequest() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        byte[] body = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());

        String eventId = given().contentType("application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, body))
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-00")
                .body(body)
                .post("/webhooks/flinks")
                .then()
                .statusCode(200)
                .extract()
                .path("eventId");

        ConsumerRecord<String, AccountsReady> record = KafkaEvents.oneAvro(Topics.ACCOUNTS_READY, eventId);
        String traceparent = KafkaEvents.header(record, CloudEventHeaders.TRACEPARENT);
        assertThat(traceparent).isNotNull();
        String[] parts = traceparent.split("-");
        assertThat(parts).hasSize(4);
        assertThat(parts[1]).as("the caller's trace").isEqualTo(traceId);
        assertThat(parts[2]).as("a span of ingest's own (the record's send)").isNotEqualTo(callerSpan);
        assertThat(parts[3]).as("the caller's sampling decision").isEqualTo("00");
    }

    @Test
    void kycWebhookBecomesKycReceivedAndTheOtherHeaderAndOldSecretWork() throws Exception {
        String loginId = UUID.randomUUID().toString();
        byte[] body = Json.bytes(IngestTestResource.sandbox()
                .dataGenerator()
                .webhookKyc(loginId, "greatday_nomfa", UUID.randomUUID().toString()));
        String eventId = given().contentType("application/json; charset=utf-8")
                .header(
                        WebhookSignatureVerifier.ALTERNATE_HEADER,
                        WebhookSignatureVerifier.sign(IngestTestResource.OLD_WEBHOOK_SECRET, body))
                .body(body)
                .post("/webhooks/flinks")
                .then()
                .statusCode(200)
                .body("type", equalTo("KycReceived"))
                .extract()
                .path("eventId");
        ConsumerRecord<String, KycReceived> record = KafkaEvents.oneAvro(Topics.KYC_RECEIVED, eventId);
        assertThat(record.key()).isEqualTo(loginId);
        assertThat(record.value().getEventId()).isEqualTo(eventId);
        Expectations.assertKyc(record.value(), JSON.readTree(body));
    }

    @Test
    void unknownResponseTypeIsKeptRawAndReportedOnTheLogin() {
        String loginId = UUID.randomUUID().toString();
        byte[] body = ("{\"ResponseType\":\"Investments\",\"HttpStatusCode\":200,\"Login\":{\"Id\":\"" + loginId
                        + "\"},\"Positions\":[{\"Value\":12.50}]}")
                .getBytes(StandardCharsets.UTF_8);
        String eventId = post(body, WEBHOOK_SECRET)
                .then()
                .statusCode(200)
                .body("type", equalTo("WebhookUnhandled"))
                .body("reason", equalTo("unknown-type"))
                .extract()
                .path("eventId");
        ConsumerRecord<String, byte[]> record = rawRecord(eventId);
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo(loginId);
        assertThat(KafkaEvents.header(record, "ResponseType")).isEqualTo("Investments");
        assertThat(KafkaEvents.header(record, "content-type")).isEqualTo("application/json");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
        assertThat(KafkaEvents.header(record, "unhandled-reason")).isEqualTo("unknown-type");
        assertThat(KafkaEvents.header(record, "unhandled-detail")).isEqualTo("ResponseType Investments is not mapped.");
        PipelineFailed failed = failureOf(loginId);
        assertThat(failed.getReason()).isEqualTo("UNKNOWN_WEBHOOK_TYPE");
    }

    @Test
    void signedUnmappableWebhooksAreAcknowledgedKeptRawAndReportedOnTheLogin() throws Exception {
        String loginId = UUID.randomUUID().toString();
        ObjectNode good =
                (ObjectNode) JSON.readTree(gadWebhook(loginId, UUID.randomUUID().toString()));
        ObjectNode noRequestId = good.deepCopy();
        noRequestId.remove("RequestId");
        ObjectNode inexact = good.deepCopy();
        ((ObjectNode) inexact.get("Accounts").get(0).get("Transactions").get(0))
                .put("Debit", new BigDecimal("0.00001"));
        ObjectNode wrongType = good.deepCopy();
        wrongType.put("InstitutionId", "fourteen");
        ObjectNode kycAsArray = (ObjectNode) JSON.readTree(Json.bytes(IngestTestResource.sandbox()
                .dataGenerator()
                .webhookKyc(loginId, "greatday_nomfa", UUID.randomUUID().toString())));
        kycAsArray.set("Holders", JSON.createObjectNode());
        ObjectNode flinksFailure = JSON.createObjectNode()
                .put("ResponseType", "GetAccountsDetail")
                .put("HttpStatusCode", 401)
                .put("FlinksCode", "DISABLED_LOGIN");
        flinksFailure.set("Login", good.get("Login"));
        flinksFailure.set("RequestId", good.get("RequestId"));

        record Case(byte[] body, String reason, String failure, String detailPart) {}
        List<Case> cases = List.of(
                new Case(JSON.writeValueAsBytes(noRequestId), "missing-request-id", "UNMAPPABLE_WEBHOOK", "RequestId"),
                new Case(
                        JSON.writeValueAsBytes(inexact),
                        "invalid-payload",
                        "UNMAPPABLE_WEBHOOK",
                        "Accounts[0].Transactions[0].Debit"),
                new Case(JSON.writeValueAsBytes(wrongType), "invalid-payload", "UNMAPPABLE_WEBHOOK", "InstitutionId"),
                new Case(JSON.writeValueAsBytes(kycAsArray), "invalid-payload", "UNMAPPABLE_WEBHOOK", "Holders"),
                new Case(JSON.writeValueAsBytes(flinksFailure), "failed-request", "FLINKS_ERROR", "HTTP 401"),
                new Case(
                        ("{\"ResponseType\":\"KYC\",\"Login\":{\"Id\":\"" + loginId + "\"},\"Holders\":[{\"Name\":"
                                        + "\"Jane \\ud800\"}]}")
                                .getBytes(StandardCharsets.UTF_8),
                        "invalid-unicode",
                        "UNMAPPABLE_WEBHOOK",
                        "Holders[0].Name holds an unpaired UTF-16 surrogate."));
        for (Case c : cases) {
            String eventId = post(c.body(), WEBHOOK_SECRET)
                    .then()
                    .statusCode(200)
                    .body("reason", equalTo(c.reason()))
                    .extract()
                    .path("eventId");
            ConsumerRecord<String, byte[]> raw = rawRecord(eventId);
            assertThat(raw.value()).isEqualTo(c.body());
            assertThat(raw.key()).isEqualTo(loginId);
            assertThat(KafkaEvents.header(raw, "unhandled-reason")).isEqualTo(c.reason());
            assertThat(KafkaEvents.header(raw, "unhandled-detail"))
                    .contains(c.detailPart())
                    .doesNotContain("Jane")
                    .doesNotContain("0.00001")
                    .doesNotContain("fourteen");
            PipelineFailed failed = (PipelineFailed) KafkaEvents.avro(
                            Topics.PIPELINE_FAILED,
                            r -> loginId.equals(r.key())
                                    && c.failure().equals(((PipelineFailed) r.value()).getReason())
                                    && KafkaEvents.header(raw, "unhandled-detail")
                                            .equals(((PipelineFailed) r.value()).getMessage()))
                    .get(0)
                    .value();
            assertThat(failed.getStage()).isEqualTo(FailureStage.INGEST);
            assertThat(failed.getFlow()).isEqualTo("WEBHOOK");
            assertThat(failed.getAttempts()).isEqualTo(1);
            if (c.reason().equals("failed-request")) {
                assertThat(failed.getFlinksCode()).isEqualTo("DISABLED_LOGIN");
                assertThat(failed.getHttpStatus()).isEqualTo(401);
                assertThat(failed.getRequestId())
                        .isEqualTo(good.get("RequestId").asText());
            }
        }
    }

    @Test
    void signedWebhooksWithoutAReadableLoginAreKeptRawOnly() throws Exception {
        long failuresBefore = KafkaEvents.recordCount(List.of(Topics.PIPELINE_FAILED));
        byte[] good = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        ObjectNode noLogin = (ObjectNode) JSON.readTree(good);
        noLogin.remove("Login");
        String loginId = UUID.randomUUID().toString();
        List<Object[]> cases = List.of(
                new Object[] {"{\"ResponseType\": KYC}".getBytes(StandardCharsets.UTF_8), "malformed-json"},
                new Object[] {Arrays.copyOf(good, good.length / 2), "malformed-json"},
                new Object[] {"[1]".getBytes(StandardCharsets.UTF_8), "invalid-webhook"},
                new Object[] {JSON.writeValueAsBytes(noLogin), "missing-login-id"},
                new Object[] {
                    ("{\"ResponseType\":\"KYC\",\"Login\":{\"Id\":\"" + loginId + "\",\"Id\":\"" + loginId + "\"}}")
                            .getBytes(StandardCharsets.UTF_8),
                    "duplicate-key"
                },
                new Object[] {
                    ("{\"ResponseType\":\"KYC\",\"Login\":{\"Id\":\"" + loginId + "\"},\"Holders\":[{\"Na\\udc00me\":"
                                    + "\"Jane\"}]}")
                            .getBytes(StandardCharsets.UTF_8),
                    "invalid-unicode"
                });
        for (Object[] c : cases) {
            byte[] body = (byte[]) c[0];
            String eventId = post(body, WEBHOOK_SECRET)
                    .then()
                    .statusCode(200)
                    .body("reason", equalTo(c[1]))
                    .extract()
                    .path("eventId");
            ConsumerRecord<String, byte[]> raw = rawRecord(eventId);
            assertThat(raw.value()).isEqualTo(body);
            assertThat(raw.key()).isNull();
            assertThat(KafkaEvents.header(raw, "unhandled-reason")).isEqualTo(c[1]);
            assertThat(KafkaEvents.header(raw, "unhandled-detail")).isNotBlank().doesNotContain("Jane");
        }
        assertThat(KafkaEvents.header(
                        rawRecord(post(
                                        "{\"ResponseType\":\"KYC\",\"Holders\":[{\"Name\":\"\\ud800\"}]}"
                                                .getBytes(StandardCharsets.UTF_8),
                                        WEBHOOK_SECRET)
                                .then()
                                .statusCode(200)
                                .extract()
                                .path("eventId")),
                        "unhandled-detail"))
                .isEqualTo("Holders[0].Name holds an unpaired UTF-16 surrogate.");
        assertThat(KafkaEvents.recordCount(List.of(Topics.PIPELINE_FAILED))).isEqualTo(failuresBefore);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern(
                        "ingest_webhooks_unhandled_total\\{[^}]*login_id=\"absent\"[^}]*reason=\"malformed-json\"[^}]*} ([2-9]|[1-9][0-9])");
    }

    @Test
    void webhookEventsNameTheUserOfAVerifiedEvenExpiredTagAndNobodyForAForgedOne() {
        String expired = new TagSigner(
                        List.of(IngestTestResource.TAG_SECRET),
                        Duration.ofMinutes(10),
                        Clock.fixed(Instant.now().minus(Duration.ofHours(6)), ZoneOffset.UTC))
                .sign("user-late", FlinksFlow.WEBHOOK)
                .value();
        String forged = new TagSigner(List.of("someone-elses-secret-123"), Duration.ofMinutes(10), Clock.systemUTC())
                .sign("user-late", FlinksFlow.WEBHOOK)
                .value();

        String loginId = UUID.randomUUID().toString();
        byte[] late = Json.bytes(IngestTestResource.sandbox()
                .dataGenerator()
                .webhookAccountsDetail(
                        loginId, "greatday_nomfa", UUID.randomUUID().toString(), expired, DaysOfTransactions.Days90));
        String eventId =
                post(late, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
        AccountsReady ready = KafkaEvents.<AccountsReady>oneAvro(Topics.ACCOUNTS_READY, eventId)
                .value();
        assertThat(ready.getUserReference()).isEqualTo("user-late");
        assertThat(ready.getTag()).isEqualTo(expired);

        ObjectNode kyc = IngestTestResource.sandbox()
                .dataGenerator()
                .webhookKyc(loginId, "greatday_nomfa", UUID.randomUUID().toString());
        kyc.put("Tag", expired);
        String kycId = post(Json.bytes(kyc), WEBHOOK_SECRET)
                .then()
                .statusCode(200)
                .extract()
                .path("eventId");
        assertThat(KafkaEvents.<KycReceived>oneAvro(Topics.KYC_RECEIVED, kycId)
                        .value()
                        .getUserReference())
                .isEqualTo("user-late");

        String otherLogin = UUID.randomUUID().toString();
        byte[] forgedBody = Json.bytes(IngestTestResource.sandbox()
                .dataGenerator()
                .webhookAccountsDetail(
                        otherLogin, "greatday_nomfa", UUID.randomUUID().toString(), forged, DaysOfTransactions.Days90));
        String forgedId = post(forgedBody, WEBHOOK_SECRET)
                .then()
                .statusCode(200)
                .body("type", equalTo("AccountsReady"))
                .extract()
                .path("eventId");
        AccountsReady anonymous = KafkaEvents.<AccountsReady>oneAvro(Topics.ACCOUNTS_READY, forgedId)
                .value();
        assertThat(anonymous.getUserReference()).isNull();
        assertThat(anonymous.getTag()).isEqualTo(forged);
    }

    @Test
    void redeliveredWebhookKeepsItsEventId() {
        byte[] body = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String first =
                post(body, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
        String second =
                post(body, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
        assertThat(second).isEqualTo(first);
        List<ConsumerRecord<String, Object>> records = KafkaEvents.avroById(Topics.ACCOUNTS_READY, first);
        assertThat(records).hasSize(2);
        AccountsReady a = (AccountsReady) records.get(0).value();
        AccountsReady b = (AccountsReady) records.get(1).value();
        // Only the reception time differs between the two deliveries.
        assertThat(b.getReceivedAt()).isAfterOrEqualTo(a.getReceivedAt());
        b.setReceivedAt(a.getReceivedAt());
        assertThat(b.equals(a)).as("redelivered event equals the first one").isTrue();
    }

    @Test
    void oneGetAccountsDetailDeliveredTwentyTimesAtOnceHasOneEventId() throws Exception {
        String loginId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        byte[] body = gadWebhook(loginId, requestId);
        JsonNode json = JSON.readTree(body);
        String lastRefresh = json.get("Login").get("LastRefresh").asText(); // UTC, offset implied or Z
        String expected = EventIds.forSnapshot(
                        loginId, Instant.parse(lastRefresh.endsWith("Z") ? lastRefresh : lastRefresh + "Z"), requestId)
                .toString();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(IngestTestResource.baseUrl() + "/webhooks/flinks"))
                .header("Content-Type", "application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            deliveries.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
            HttpResponse<String> response = delivery.get(60, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).get("eventId").asText()).isEqualTo(expected);
        }
        // A later delivery of the same snapshot with other bytes (Flinks re-serialised it) keeps the id.
        ObjectNode reordered = JSON.createObjectNode();
        reordered.set("Login", json.get("Login"));
        json.fields().forEachRemaining(e -> reordered.set(e.getKey(), e.getValue()));
        post(JSON.writeValueAsBytes(reordered), WEBHOOK_SECRET)
                .then()
                .statusCode(200)
                .body("eventId", equalTo(expected));

        List<ConsumerRecord<String, Object>> records =
                KafkaEvents.avro(Topics.ACCOUNTS_READY, r -> loginId.equals(r.key()));
        assertThat(records).hasSize(21);
        for (ConsumerRecord<String, Object> record : records) {
            assertThat(((AccountsReady) record.value()).getEventId()).isEqualTo(expected);
            assertThat(KafkaEvents.header(record, CloudEventHeaders.ID)).isEqualTo(expected);
        }
    }

    @Test
    void unauthenticatedOrRefusedRequestsGetAProblemAndWriteNothing() throws Exception {
        long before = KafkaEvents.recordCount(TOPICS);
        String loginId = UUID.randomUUID().toString();
        byte[] good = gadWebhook(loginId, UUID.randomUUID().toString());

        // Missing, wrong and tampered signatures, whatever the body.
        problem(given().contentType("application/json").body(good).post("/webhooks/flinks"), 401, "missing-signature");
        problem(
                given().contentType("application/json")
                        .header(WebhookSignatureVerifier.HEADER, "bm90IGl0")
                        .body(good)
                        .post("/webhooks/flinks"),
                401,
                "invalid-signature");
        problem(
                given().contentType("application/json")
                        .header(WebhookSignatureVerifier.HEADER, "not base64!")
                        .body(good)
                        .post("/webhooks/flinks"),
                401,
                "invalid-signature");
        byte[] tampered = good.clone();
        tampered[tampered.length / 2] ^= 1;
        problem(
                given().contentType("application/json")
                        .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, good))
                        .body(tampered)
                        .post("/webhooks/flinks"),
                401,
                "invalid-signature");
        problem(post(good, "someone-elses-secret"), 401, "invalid-signature");
        byte[] malformed = "{\"ResponseType\": KYC}".getBytes(StandardCharsets.UTF_8);
        problem(
                given().contentType("application/json").body(malformed).post("/webhooks/flinks"),
                401,
                "missing-signature");
        problem(post(malformed, "someone-elses-secret"), 401, "invalid-signature");
        // Wrong content type.
        problem(
                given().contentType("text/plain")
                        .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, good))
                        .body(good)
                        .post("/webhooks/flinks"),
                415,
                "unsupported-media-type");
        // Over the limit: declared, and streamed without a length (chunked).
        byte[] huge = new byte[(int) IngestTestResource.MAX_BODY + 1];
        Arrays.fill(huge, (byte) ' ');
        problem(post(huge, WEBHOOK_SECRET), 413, "body-too-large");
        InputStream chunked = new ByteArrayInputStream(huge);
        problem(
                given().contentType("application/json")
                        .header(WebhookSignatureVerifier.HEADER, "x")
                        .body(chunked)
                        .post("/webhooks/flinks"),
                413,
                "body-too-large");
        // Fewer bytes on the wire than Content-Length declares.
        // (The server may answer 400 or just drop the half-closed connection; never a 2xx.)
        assertThat(truncatedOnTheWire(good)).doesNotStartWith("HTTP/1.1 2");

        // Nothing of the above reached Kafka: the only new record is the good webhook's.
        post(good, WEBHOOK_SECRET).then().statusCode(200);
        assertThat(KafkaEvents.recordCount(TOPICS)).isEqualTo(before + 1);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void baselineAnswersWithoutKafka() {
        long before = KafkaEvents.recordCount(TOPICS);
        byte[] body = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        given().contentType("application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, body))
                .body(body)
                .post("/webhooks/flinks/baseline")
                .then()
                .statusCode(200)
                .body("type", equalTo("AccountsReady"));
        assertThat(KafkaEvents.recordCount(TOPICS)).isEqualTo(before);
    }

    static ConsumerRecord<String, byte[]> rawRecord(String eventId) {
        List<ConsumerRecord<String, byte[]>> records =
                KafkaEvents.raw(Topics.WEBHOOK_UNHANDLED, r -> eventId.equals(KafkaEvents.header(r, "eventId")));
        return records.get(records.size() - 1);
    }

    static PipelineFailed failureOf(String loginId) {
        List<ConsumerRecord<String, Object>> records =
                KafkaEvents.avro(Topics.PIPELINE_FAILED, r -> loginId.equals(r.key()));
        return (PipelineFailed) records.get(records.size() - 1).value();
    }

    static void problem(Response response, int status, String code) {
        response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("type", equalTo("https://flinkspipeline.dev/problems/" + code));
        String detail = response.path("detail");
        assertThat(detail).isNotBlank().doesNotContain(WEBHOOK_SECRET).doesNotContain("Jane");
    }

    /** Sends half the body with a Content-Length of the whole, closes its side, returns the status line. */
    private static String truncatedOnTheWire(byte[] body) throws Exception {
        String host = IngestTestResource.baseUrl().substring("http://".length());
        String[] hostPort = host.split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /webhooks/flinks HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + WebhookSignatureVerifier.HEADER + ": " + WebhookSignatureVerifier.sign(WEBHOOK_SECRET, body)
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
            socket.shutdownOutput();
            byte[] answer = socket.getInputStream().readNBytes(64);
            return new String(answer, StandardCharsets.US_ASCII);
        }
    }
}
