package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.WEBHOOK_SECRET;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.JSON;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.gadWebhook;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A broker outage: webhooks get 503 (never 200) and land exactly as sent once Flinks retries after it. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class KafkaOutageTest {

    @Test
    void kafkaDownMeans503AndTheRetriedWebhookLandsOnceItIsBack() throws Exception {
        byte[] gad = gadWebhook(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        byte[] kyc = Json.bytes(IngestTestResource.sandbox()
                .dataGenerator()
                .webhookKyc(
                        UUID.randomUUID().toString(),
                        "greatday_nomfa",
                        UUID.randomUUID().toString()));
        KafkaBroker broker = IngestTestResource.infra().broker();
        List<Integer> outageStatuses = new ArrayList<>();
        broker.stop();
        try {
            for (byte[] body : List.of(gad, kyc)) {
                Response response = post(body, WEBHOOK_SECRET);
                outageStatuses.add(response.statusCode());
                response.then()
                        .statusCode(503)
                        .header("Retry-After", "30")
                        .contentType(startsWith("application/problem+json"))
                        .body("status", equalTo(503));
            }
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            broker.start();
        }
        assertThat(outageStatuses).containsOnly(503);

        // Flinks delivers again until it gets a 200.
        String eventId = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (eventId == null && System.nanoTime() < deadline) {
            Response retry = post(gad, WEBHOOK_SECRET);
            if (retry.statusCode() == 200) {
                eventId = retry.path("eventId");
            } else {
                assertThat(retry.statusCode()).isEqualTo(503);
            }
        }
        assertThat(eventId)
                .as("a retried webhook was acknowledged after the outage")
                .isNotNull();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        // Every copy on Kafka (the retry, and the one buffered during the outage if it got through) is the body.
        List<ConsumerRecord<String, Object>> records = KafkaEvents.avroById(Topics.ACCOUNTS_READY, eventId);
        assertThat(records).isNotEmpty();
        for (ConsumerRecord<String, Object> record : records) {
            AccountsReady event = (AccountsReady) record.value();
            assertThat(event.getEventId()).isEqualTo(eventId);
            Expectations.assertAccountsReady(event, JSON.readTree(gad));
        }
    }
}
