package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.WEBHOOK_SECRET;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics. */
@QuarkusTest
@QuarkusTestResource(IngestTestResource.class)
class OperationsTest {

    @Test
    void producerCompressesWithTheNativeLz4() {
        // Kafka's lz4 codec takes lz4-java's fastest instance: under Quarkus' class loader, the pure-Java one
        // unless the service loaded the native library at start.
        assertThat(LZ4Factory.fastestInstance()).hasToString("LZ4Factory:JNI");
    }

    @Test
    void healthReportsKafka() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'kafka' }.status", equalTo("UP"));
    }

    @Test
    void metricsCountRequestsEventsProduceLatencyAndTheProducersOwn() {
        WebhookEndpointTest.post(
                        WebhookEndpointTest.gadWebhook(
                                UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                        WEBHOOK_SECRET)
                .then()
                .statusCode(200);
        given().contentType("application/json")
                .body("{}")
                .post("/webhooks/flinks")
                .then()
                .statusCode(401);
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern(
                        "ingest_requests_total\\{[^}]*endpoint=\"webhook\"[^}]*outcome=\"accepted\"[^}]*} [1-9]")
                .containsPattern(
                        "ingest_requests_total\\{[^}]*endpoint=\"webhook\"[^}]*outcome=\"rejected\"[^}]*reason=\"missing-signature\"[^}]*} [1-9]")
                .containsPattern("ingest_events_emitted_total\\{[^}]*type=\"AccountsReady\"[^}]*} [1-9]")
                .containsPattern("ingest_produce_latency_seconds_count\\{[^}]*type=\"AccountsReady\"[^}]*} [1-9]")
                .containsPattern("ingest_produce_latency_seconds\\{[^}]*quantile=\"0.99\"")
                .containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=\"ingest-service\"[^}]*} [1-9]")
                .containsPattern("kafka_producer_records_per_request_avg\\{[^}]*} [0-9]");
    }
}
