package dev.flinkspipeline.ingest.connect;

import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.LOGIN;
import static dev.flinkspipeline.ingest.connect.ConnectLoginValidatorTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.security.SignedTag;
import dev.flinkspipeline.ingest.security.TagSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectFailuresTest {

    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final ConnectEventParser parser = new ConnectEventParser();
    private final TagSigner signer =
            new TagSigner(List.of("tag-secret-0123456789"), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConnectSessions signed = new ConnectSessions(Optional.of(signer), FlinksFlow.STANDARD);
    private final ConnectSessions unsigned = new ConnectSessions(Optional.empty(), FlinksFlow.STANDARD);

    @Test
    void onlyStepsThatEndTheSessionAreTerminal() {
        assertFailure(
                "{\"step\":\"DISABLED_LOGIN\",\"institution\":\"FlinksCapital\"}", "DISABLED_LOGIN", "DISABLED_LOGIN");
        assertFailure("{\"step\":\"maximum_retry_reached\"}", "MAXIMUM_RETRY_REACHED", "MAXIMUM_RETRY_REACHED");
        assertFailure("{\"step\":\"TOKEN_INVALID\"}", "TOKEN_INVALID", "TOKEN_INVALID");
        assertFailure(
                "{\"requestId\":\"r-1\",\"flinksCode\":\"new_account\",\"institution\":\"X\"}",
                "NEW_ACCOUNT",
                "NEW_ACCOUNT");
        assertFailure("{\"step\":\"ABANDONED\"}", "ABANDONED", null);
        assertFailure("{\"step\":\"ABANDONED\",\"flinksCode\":\"INVALID_PASSWORD\"}", "ABANDONED", "INVALID_PASSWORD");
        assertFailure("{\"step\":\"COMPONENT_CLOSE_SESSION\",\"institution\":\"FlinksCapital\"}", "ABANDONED", null);
        // The customer can retry past these: counted only.
        for (String json : List.of(
                "{\"step\":\"INVALID_PASSWORD\"}",
                "{\"step\":\"INVALID_SECURITY_RESPONSE\"}",
                "{\"step\":\"RETRY_LATER\"}",
                "{\"requestId\":\"r\",\"flinksCode\":\"INVALID_LOGIN\"}",
                "{\"step\":\"SUBMIT_MFA\"}",
                "{\"step\":\"DISABLED_INSTITUTION\"}",
                "{\"step\":\"SOMETHING_NEW\"}")) {
            assertThat(ConnectFailures.terminal(parse(json))).as(json).isEmpty();
        }
        assertCode(
                () -> ConnectFailures.terminal(parse("{\"step\":\"ABANDONED\",\"flinksCode\":\"jane doe\"}")),
                "invalid-event");
    }

    @Test
    void theKeyIsTheLoginIdElseTheSignedSession() {
        SignedTag tag = signer.sign("user-1", FlinksFlow.WEBHOOK);
        ConnectSession session = signed.of(tag.value());
        assertThat(session.key()).isEqualTo("connect-session:" + tag.nonce());
        assertThat(session.flow()).isEqualTo(FlinksFlow.WEBHOOK);
        assertThat(ConnectFailures.key(null, session)).isEqualTo("connect-session:" + tag.nonce());
        assertThat(ConnectFailures.key(LOGIN.toUpperCase(), session)).isEqualTo(LOGIN);
        assertCode(() -> ConnectFailures.key("nope", session), "invalid-login-id");
        assertThat(ConnectFailures.key(LOGIN, unsigned.of(null))).isEqualTo(LOGIN);
        assertCode(() -> ConnectFailures.key(null, unsigned.of("userId=1")), "missing-login-id");
        // Signing on: the tag must be ours and alive, as for a REDIRECT.
        assertCode(() -> signed.of(null), "missing-tag");
        assertCode(() -> signed.of("userId=1"), "malformed-tag");
    }

    @Test
    void pipelineFailedNamesTheFailureAndTheSessionsFlow() {
        SignedTag tag = signer.sign("user-1", FlinksFlow.WEBHOOK);
        ConnectSession session = signed.of(tag.value());
        ConnectEvent event =
                parse("{\"step\":\"DISABLED_LOGIN\",\"requestId\":\"5c6d7e8f-9a0b\",\"tag\":\"" + tag.value() + "\"}");
        PipelineFailed f = ConnectFailures.pipelineFailed(
                ConnectFailures.key(null, session),
                event,
                ConnectFailures.terminal(event).orElseThrow(),
                session,
                NOW);
        assertThat(f.getLoginId()).isEqualTo(session.key());
        assertThat(f.getStage()).isEqualTo(FailureStage.CONNECT);
        assertThat(f.getReason()).isEqualTo("DISABLED_LOGIN");
        assertThat(f.getFlinksCode()).isEqualTo("DISABLED_LOGIN");
        assertThat(f.getRequestId()).isEqualTo("5c6d7e8f-9a0b");
        assertThat(f.getFlow()).isEqualTo("WEBHOOK");
        assertThat(f.getAttempts()).isEqualTo(1);
        assertThat(f.getHttpStatus()).isNull();
        assertThat(f.getMessage()).isEqualTo("Connect ended with DISABLED_LOGIN.");
        assertThat(f.getFailedAt()).isEqualTo(NOW);

        ConnectEvent gaveUp =
                parse("{\"step\":\"ABANDONED\",\"flinksCode\":\"INVALID_PASSWORD\",\"requestId\":\"a b\"}");
        PipelineFailed abandoned = ConnectFailures.pipelineFailed(
                session.key(), gaveUp, ConnectFailures.terminal(gaveUp).orElseThrow(), session, NOW.plusSeconds(30));
        assertThat(abandoned.getMessage())
                .isEqualTo("The customer left Connect without connecting after INVALID_PASSWORD.");
        assertThat(abandoned.getRequestId()).as("not an identifier").isNull();
        // One failure per session: the same relay again, or a later terminal event of the session, share the id.
        assertThat(abandoned.getEventId()).isEqualTo(f.getEventId());
        ConnectSession other =
                signed.of(signer.sign("user-1", FlinksFlow.WEBHOOK).value());
        assertThat(ConnectFailures.pipelineFailed(
                                other.key(),
                                event,
                                ConnectFailures.terminal(event).orElseThrow(),
                                other,
                                NOW)
                        .getEventId())
                .isNotEqualTo(f.getEventId());
    }

    @Test
    void withoutSigningTheDefaultFlowApplies() {
        ConnectSessions webhookDefault = new ConnectSessions(Optional.empty(), FlinksFlow.WEBHOOK);
        ConnectEvent event = parse("{\"step\":\"ABANDONED\",\"loginId\":\"" + LOGIN + "\"}");
        ConnectSession session = webhookDefault.of(event.tag());
        PipelineFailed f = ConnectFailures.pipelineFailed(
                ConnectFailures.key(event.loginId(), session),
                event,
                ConnectFailures.terminal(event).orElseThrow(),
                session,
                NOW);
        assertThat(f.getFlow()).isEqualTo("WEBHOOK");
        assertThat(f.getLoginId()).isEqualTo(LOGIN);
        assertThat(f.getMessage()).isEqualTo("The customer left Connect without connecting.");
    }

    private void assertFailure(String json, String reason, String flinksCode) {
        assertThat(ConnectFailures.terminal(parse(json))).as(json).contains(new ConnectFailure(reason, flinksCode));
    }

    private ConnectEvent parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
