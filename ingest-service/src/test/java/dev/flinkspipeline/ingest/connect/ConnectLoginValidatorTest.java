package dev.flinkspipeline.ingest.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.TagSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class ConnectLoginValidatorTest {

    static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    static final String ACC1 = "27a9ffa0-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
    static final String ACC2 = "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f";

    private final TagSigner signer = new TagSigner(
            List.of("tag-secret-0123456789"),
            Duration.ofMinutes(5),
            Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
    private final ConnectLoginValidator signed =
            new ConnectLoginValidator(new ConnectSessions(Optional.of(signer), FlinksFlow.STANDARD));
    private final ConnectLoginValidator unsigned =
            new ConnectLoginValidator(new ConnectSessions(Optional.empty(), FlinksFlow.STANDARD));

    @Test
    void acceptsAValidRedirectAndNormalisesIds() {
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        ConnectLogin login = signed.validate(
                LOGIN.toUpperCase(), " FlinksCapital ", tag, List.of(ACC1 + "," + ACC2.toUpperCase(), ACC1));
        assertThat(login.loginId()).isEqualTo(LOGIN);
        assertThat(login.institution()).isEqualTo("FlinksCapital");
        assertThat(login.tag()).isEqualTo(tag);
        assertThat(login.userReference()).isEqualTo("user-1");
        assertThat(login.accountIds()).containsExactly(ACC1, ACC2);
    }

    @Test
    void theLoginFollowsItsSessionsFlowElseTheDeploymentDefault() {
        String webhookTag = signer.sign("user-1", FlinksFlow.WEBHOOK).value();
        String standardTag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        assertThat(signed.validate(LOGIN, "FlinksCapital", webhookTag, null).flow())
                .isEqualTo(FlinksFlow.WEBHOOK);
        assertThat(signed.validate(LOGIN, "FlinksCapital", standardTag, null).flow())
                .isEqualTo(FlinksFlow.STANDARD);
        ConnectLoginValidator webhookByDefault =
                new ConnectLoginValidator(new ConnectSessions(Optional.of(signer), FlinksFlow.WEBHOOK));
        // The session's choice wins over the default.
        assertThat(webhookByDefault
                        .validate(LOGIN, "FlinksCapital", standardTag, null)
                        .flow())
                .isEqualTo(FlinksFlow.STANDARD);
        ConnectLogin unsignedLogin = new ConnectLoginValidator(
                        new ConnectSessions(Optional.empty(), FlinksFlow.WEBHOOK))
                .validate(LOGIN, "FlinksCapital", standardTag, null);
        assertThat(unsignedLogin.flow()).isEqualTo(FlinksFlow.WEBHOOK);
        LoginReceived event = LoginEvents.loginReceived(
                signed.validate(LOGIN, "FlinksCapital", webhookTag, null),
                LoginSource.REDIRECT_URL,
                Instant.parse("2025-03-01T12:00:01Z"));
        assertThat(event.getFlow()).isEqualTo(FlinksFlow.WEBHOOK);
    }

    @Test
    void withoutSigningAnyTagPassesThrough() {
        ConnectLogin login = unsigned.validate(LOGIN, "FlinksCapital", "userId=123", null);
        assertThat(login.tag()).isEqualTo("userId=123");
        assertThat(login.userReference()).isNull();
        assertThat(login.flow()).isEqualTo(FlinksFlow.STANDARD);
        assertThat(unsigned.validate(LOGIN, "FlinksCapital", null, List.of()).tag())
                .isNull();
    }

    @Test
    void refusesBadInputWithAStableCode() {
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        assertCode(() -> signed.validate(null, "FlinksCapital", tag, null), "missing-login-id");
        assertCode(() -> signed.validate("12345", "FlinksCapital", tag, null), "invalid-login-id");
        assertCode(() -> signed.validate(LOGIN + "0", "FlinksCapital", tag, null), "invalid-login-id");
        assertCode(() -> signed.validate(LOGIN, "", tag, null), "missing-institution");
        assertCode(() -> signed.validate(LOGIN, "Ba\u0000nk", tag, null), "invalid-institution");
        assertCode(() -> signed.validate(LOGIN, "FlinksCapital", tag, List.of("nope")), "invalid-account-id");
        assertCode(() -> signed.validate(LOGIN, "FlinksCapital", null, null), "missing-tag");
        assertCode(() -> signed.validate(LOGIN, "FlinksCapital", "userId=123", null), "malformed-tag");
        assertCode(
                () -> signed.validate(LOGIN, "FlinksCapital", tag.substring(0, tag.length() - 2) + "AA", null),
                "forged-tag");
    }

    @Test
    void theInstitutionMustBeAnInstitutionIdentifierAsFlinksSendsIt() {
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        for (String institution : List.of(
                "FlinksCapital", "RBC", "Desjardins", "National Bank", "Coast_Capital-2", "B.M.O", "X".repeat(64))) {
            assertThat(signed.validate(LOGIN, institution, tag, null).institution())
                    .isEqualTo(institution);
        }
        for (String institution : List.of(
                "<script>alert(1)</script>",
                "Flinks\"Capital",
                "Bank'",
                "a&b",
                "-Bank",
                ".hidden",
                "Banque Québec",
                "X".repeat(65),
                "Bank\u2028",
                "Bank/../x",
                "Bank%00")) {
            assertCode(() -> signed.validate(LOGIN, institution, tag, null), "invalid-institution");
        }
    }

    @Test
    void loginReceivedHasTheSameIdWhicheverWayItArrives() {
        String tag = signer.sign("user-1", FlinksFlow.STANDARD).value();
        ConnectLogin viaUrl = signed.validate(LOGIN, "FlinksCapital", tag, List.of(ACC1));
        ConnectLogin viaEvent = signed.validate(LOGIN.toUpperCase(), "FlinksCapital", tag, List.of(ACC1));
        Instant now = Instant.parse("2025-03-01T12:00:01Z");
        LoginReceived a = LoginEvents.loginReceived(viaUrl, LoginSource.REDIRECT_URL, now);
        LoginReceived b = LoginEvents.loginReceived(viaEvent, LoginSource.CONNECT_EVENT, now.plusSeconds(3));
        assertThat(a.getEventId()).isEqualTo(b.getEventId());
        assertThat(a.getLoginId()).isEqualTo(LOGIN);
        assertThat(a.getUserReference()).isEqualTo("user-1");
        assertThat(a.getAccountIds()).containsExactly(ACC1);
        assertThat(a.getVia()).isEqualTo(LoginSource.REDIRECT_URL);
        // Another Connect session of the same login (new tag, new nonce) is a new event.
        ConnectLogin reconnect = signed.validate(
                LOGIN,
                "FlinksCapital",
                signer.sign("user-1", FlinksFlow.STANDARD).value(),
                null);
        assertThat(LoginEvents.eventId(reconnect)).isNotEqualTo(a.getEventId());
    }

    static void assertCode(ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isBetween(400, 499);
        });
    }
}
