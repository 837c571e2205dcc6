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
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code POST /webhooks/flinks} against a real broker and the dev registry. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class WebhookEndpointTest {

    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final List<String> TOPICS = List.of(Topics.LOGIN_RECEIVED, Topics.KYC_RECEIVED, Topics.ACCOUNTS_READY,
            Topics.WEBHOOK_UNHANDLED);

    static byte[] gadWebhook(String loginId, String requestId) {
        ObjectNode body = IngestTestResource.sandbox().dataGenerator()
                .webhookAccountsDetail(loginId, "greatday_nomfa", requestId, "userId=" + loginId, DaysOfTransactions.Days365);
        return Json.bytes(body);
    }

    static Response post(byte[] body, String secret) {
        return given().contentType("application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(secret, body))
                .body(body).post("/webhooks/flinks");
    }

    @Test
    void fullMultiAccountGetAccountsDetailBecomesAccountsReady() throws Exception {
        String loginId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        byte[] body = gadWebhook(loginId, requestId);
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("Accounts").size()).isGreaterThan(1);
        assertThat(json.get("Accounts").get(0).get("Transactions").size()).isGreaterThan(100);

        String eventId = post(body, WEBHOOK_SECRET).then().statusCode(200)
                .body("status", equalTo("accepted")).body("type", equalTo("AccountsReady"))
                .extract().path("eventId");

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
    void kycWebhookBecomesKycReceivedAndTheOtherHeaderAndOldSecretWork() throws Exception {
        String loginId = UUID.randomUUID().toString();
        byte[] body = Json.bytes(IngestTestResource.sandbox().dataGenerator()
                .webhookKyc(loginId, "greatday_nomfa", UUID.randomUUID().toString()));
        String eventId = given().contentType("application/json; charset=utf-8")
                .header(WebhookSignatureVerifier.ALTERNATE_HEADER,
                        WebhookSignatureVerifier.sign(IngestTestResource.OLD_WEBHOOK_SECRET, body))
                .body(body).post("/webhooks/flinks")
                .then().statusCode(200).body("type", equalTo("KycReceived")).extract().path("eventId");
        ConsumerRecord<String, KycReceived> record = KafkaEvents.oneAvro(Topics.KYC_RECEIVED, eventId);
        assertThat(record.key()).isEqualTo(loginId);
        assertThat(record.value().getEventId()).isEqualTo(eventId);
        Expectations.assertKyc(record.value(), JSON.readTree(body));
    }

    @Test
    void unknownResponseTypeIsKeptRawAndAcknowledged() {
        String loginId = UUID.randomUUID().toString();
        byte[] body = ("{\"ResponseType\":\"Investments\",\"HttpStatusCode\":200,\"Login\":{\"Id\":\"" + loginId
                + "\"},\"Positions\":[{\"Value\":12.50}]}").getBytes(StandardCharsets.UTF_8);
        String eventId = post(body, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
        List<ConsumerRecord<String, byte[]>> records = KafkaEvents.raw(Topics.WEBHOOK_UNHANDLED,
                r -> eventId.equals(KafkaEvents.header(r, "eventId")));
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo(loginId);
        assertThat(KafkaEvents.header(record, "ResponseType")).isEqualTo("Investments");
        assertThat(KafkaEvents.header(record, "content-type")).isEqualTo("application/json");
        assertThat(KafkaEvents.header(record, CloudEventHeaders.ID)).isEqualTo(eventId);
    }

    @Test
    void redeliveredWebhookKeepsItsEventId() {
        byte[] body = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        String first = post(body, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
        String second = post(body, WEBHOOK_SECRET).then().statusCode(200).extract().path("eventId");
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
    void badInputGetsAProblemProducesNothingAndLeavesTheServiceHealthy() throws Exception {
        long before = KafkaEvents.recordCount(TOPICS);
        String loginId = UUID.randomUUID().toString();
        byte[] good = gadWebhook(loginId, UUID.randomUUID().toString());

        // Missing, wrong and tampered signatures.
        problem(given().contentType("application/json").body(good).post("/webhooks/flinks"), 401, "missing-signature");
        problem(given().contentType("application/json").header(WebhookSignatureVerifier.HEADER, "bm90IGl0")
                .body(good).post("/webhooks/flinks"), 401, "invalid-signature");
        byte[] tampered = good.clone();
        tampered[tampered.length / 2] ^= 1;
        problem(given().contentType("application/json")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, good))
                .body(tampered).post("/webhooks/flinks"), 401, "invalid-signature");
        // Malformed JSON, a truncated document, not an object.
        problem(post("{\"ResponseType\": KYC}".getBytes(StandardCharsets.UTF_8), WEBHOOK_SECRET), 400, "malformed-json");
        problem(post(Arrays.copyOf(good, good.length / 2), WEBHOOK_SECRET), 400, "malformed-json");
        problem(post("[1]".getBytes(StandardCharsets.UTF_8), WEBHOOK_SECRET), 400, "invalid-webhook");
        // Wrong content type.
        problem(given().contentType("text/plain")
                .header(WebhookSignatureVerifier.HEADER, WebhookSignatureVerifier.sign(WEBHOOK_SECRET, good))
                .body(good).post("/webhooks/flinks"), 415, "unsupported-media-type");
        // GetAccountsDetail without Login.Id.
        ObjectNode noLogin = (ObjectNode) JSON.readTree(good);
        noLogin.remove("Login");
        problem(post(JSON.writeValueAsBytes(noLogin), WEBHOOK_SECRET), 422, "missing-login-id");
        // Over the limit: declared, and streamed without a length (chunked).
        byte[] huge = new byte[(int) IngestTestResource.MAX_BODY + 1];
        Arrays.fill(huge, (byte) ' ');
        problem(post(huge, WEBHOOK_SECRET), 413, "body-too-large");
        InputStream chunked = new ByteArrayInputStream(huge);
        problem(given().contentType("application/json").header(WebhookSignatureVerifier.HEADER, "x")
                .body(chunked).post("/webhooks/flinks"), 413, "body-too-large");
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
                .body(body).post("/webhooks/flinks/baseline").then().statusCode(200).body("type", equalTo("AccountsReady"));
        assertThat(KafkaEvents.recordCount(TOPICS)).isEqualTo(before);
    }

    static void problem(Response response, int status, String code) {
        response.then().statusCode(status)
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
