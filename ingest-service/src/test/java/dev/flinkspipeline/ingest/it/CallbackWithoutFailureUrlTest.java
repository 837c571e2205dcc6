package dev.flinkspipeline.ingest.it;

import static dev.flinkspipeline.ingest.it.IngestTestResource.SUCCESS_URL;
import static dev.flinkspipeline.ingest.it.WebhookEndpointTest.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.schemas.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Without {@code ingest.connect.failure-url} there is no failure page to send the browser to: an invalid
 * Connect callback answers a 400 problem instead, and still emits nothing.
 */
@QuarkusTest
@TestProfile(CallbackWithoutFailureUrlTest.WithoutFailureUrl.class)
class CallbackWithoutFailureUrlTest {

    /** The usual broker, registry and sandbox, but the service starts without a failure URL. */
    public static final class WithoutFailureUrl implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(
                    IngestTestResource.class, Map.of(IngestTestResource.FAILURE_URL_ARG, "false")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    private static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    private final TagSigner signer =
            new TagSigner(List.of(IngestTestResource.TAG_SECRET), Duration.ofMinutes(10), Clock.systemUTC());

    @Test
    void invalidCallbacksAnswer400ProblemsAndEmitNothing() {
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

        problem(callback(null, "FlinksCapital", tag), 400, "missing-login-id");
        problem(callback("not-a-guid", "FlinksCapital", tag), 400, "invalid-login-id");
        problem(callback(LOGIN, null, tag), 400, "missing-institution");
        problem(callback(LOGIN, "FlinksCapital", null), 400, "missing-tag");
        problem(callback(LOGIN, "FlinksCapital", "userId=123"), 400, "malformed-tag");
        problem(callback(LOGIN, "FlinksCapital", forged), 400, "forged-tag");
        problem(callback(LOGIN, "FlinksCapital", expired), 400, "expired-tag");

        // A valid callback afterwards still goes to the success page and is the only new record.
        callback(UUID.randomUUID().toString(), "FlinksCapital", tag)
                .then()
                .statusCode(302)
                .header("Location", SUCCESS_URL);
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED))).isEqualTo(before + 1);

        // The tag is now bound to that login: another login with it is a 409 problem, nothing written.
        problem(callback(UUID.randomUUID().toString(), "FlinksCapital", tag), 409, "tag-already-used");
        assertThat(KafkaEvents.recordCount(List.of(Topics.LOGIN_RECEIVED))).isEqualTo(before + 1);
    }

    private static Response callback(String loginId, String institution, String tag) {
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
        return request.get("/connect/callback");
    }
}
