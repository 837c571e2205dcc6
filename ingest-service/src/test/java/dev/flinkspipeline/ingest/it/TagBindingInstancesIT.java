package dev.flinkspipeline.ingest.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.testkit.PipelineInfra;
import io.restassured.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two packaged ingest processes on one real broker share every Connect session's binding: the
 * claims are in Kafka, not in either process. A tag bound through one instance is bound on the other,
 * and two instances racing for a fresh tag with different logins bind it to exactly one.
 */
class TagBindingInstancesIT {

    private static final String TAG_SECRET = "it-tag-secret-0123456789";
    private static final String STORE = "/connect/callback/store";

    private static PipelineInfra infra;
    private static IngestProcess first;
    private static IngestProcess second;
    private final TagSigner signer = new TagSigner(List.of(TAG_SECRET), Duration.ofMinutes(10), Clock.systemUTC());

    @BeforeAll
    static void start() throws Exception {
        infra = new PipelineInfra().start();
        infra.createTopic(Topics.LOGIN_RECEIVED, 3, Map.of());
        Map<String, String> settings = new HashMap<>(IngestProcess.requiredSettings());
        settings.put("kafka.bootstrap.servers", infra.bootstrapServers());
        settings.put("kafka.schema.registry.url", infra.schemaRegistryUrl());
        settings.put("kafka.auto.register.schemas", "true");
        settings.put("ingest.tag.secrets", TAG_SECRET);
        settings.put("ingest.connect.ack-timeout", "10s");
        settings.put("ingest.tag-bindings.create-topic", "true");
        // Both start at once, as a deployment's replicas do: one creates the tag-bindings topic.
        first = IngestProcess.start("ingest-1", settings);
        second = IngestProcess.start("ingest-2", settings);
        first.awaitReady(Duration.ofMinutes(2));
        second.awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {first, second, infra}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @Test
    void aTagBoundThroughOneInstanceIsBoundOnTheOther() {
        String tag = signer.sign("user-two-instances", FlinksFlow.STANDARD).value();
        String login = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();

        String eventId =
                store(first, login, tag).then().statusCode(200).extract().path("eventId");
        // The same login through the other instance: the same LoginReceived, no second event.
        assertThat(store(second, login, tag).then().statusCode(200).extract().<String>path("eventId"))
                .isEqualTo(eventId);
        // Another login with that tag, through the other instance: refused, counted, nothing written.
        Response refused = store(second, other, tag);
        WebhookEndpointTest.problem(refused, 409, "tag-already-used");
        assertThat(metrics(second))
                .containsPattern("ingest_connect_tag_refused_total\\{[^}]*endpoint=\"connect_callback_store\""
                        + "[^}]*reason=\"tag-already-used\"[^}]*} [1-9]");
        WebhookEndpointTest.problem(store(first, other, tag), 409, "tag-already-used");

        List<ConsumerRecord<String, byte[]>> written = loginsReceived(Set.of(login, other));
        assertThat(written).extracting(ConsumerRecord::key).containsOnly(login);
        assertThat(written)
                .extracting(r -> KafkaEvents.header(r, CloudEventHeaders.ID))
                .as("one LoginReceived event")
                .containsOnly(eventId);
    }

    @Test
    void twoInstancesRacingForAFreshTagBindItToExactlyOneLogin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String tag =
                        signer.sign("user-race-" + round, FlinksFlow.STANDARD).value();
                List<String> logins =
                        List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
                List<IngestProcess> instances = List.of(first, second);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    IngestProcess instance = instances.get(i);
                    String login = logins.get(i);
                    answers.add(pool.submit(() -> {
                        go.await();
                        return store(instance, login, tag);
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    statuses.add(answer.get().statusCode());
                }
                assertThat(statuses)
                        .as("round %d: first claims of one tag on both instances", round)
                        .containsExactlyInAnyOrder(200, 409);
                int won = statuses.indexOf(200);
                String winner = logins.get(won);
                String loser = logins.get(1 - won);
                // Both instances agree afterwards, whichever took which claim.
                for (IngestProcess instance : instances) {
                    store(instance, winner, tag).then().statusCode(200);
                    WebhookEndpointTest.problem(store(instance, loser, tag), 409, "tag-already-used");
                }
                assertThat(loginsReceived(Set.copyOf(logins)))
                        .extracting(ConsumerRecord::key)
                        .containsOnly(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response store(IngestProcess instance, String loginId, String tag) {
        return given().baseUri(instance.baseUrl())
                .queryParam("loginId", loginId)
                .queryParam("institution", "FlinksCapital")
                .queryParam("tag", tag)
                .post(STORE);
    }

    private static String metrics(IngestProcess instance) {
        return given().baseUri(instance.baseUrl())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static List<ConsumerRecord<String, byte[]>> loginsReceived(Set<String> logins) {
        return KafkaEvents.raw(infra.bootstrapServers(), Topics.LOGIN_RECEIVED, r -> logins.contains(r.key()));
    }
}
