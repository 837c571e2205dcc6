package dev.flinkspipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookMapperTest {

    static final String LOGIN = "8a2f4e1c-3b5d-4c6e-9f7a-1b2c3d4e5f60";
    static final String LOGIN_JSON = "\"Login\":{\"Id\":\"" + LOGIN.toUpperCase() + "\"}";
    static final Instant RECEIVED = Instant.parse("2025-02-01T10:00:00.123Z");

    static final String TAG_SECRET = "tag-secret-0123456789";
    static final TagSigner SIGNER = new TagSigner(List.of(TAG_SECRET), Duration.ofMinutes(30), Clock.systemUTC());

    private final WebhookMapper mapper = new WebhookMapper(new TagUserReferences(Optional.of(SIGNER)));

    @Test
    void mapsKycAndGetAccountsDetail() throws IOException {
        assertThat(mapper.map(WebhookParserTest.fixture("kyc-webhook.json"), true, RECEIVED))
                .isInstanceOf(WebhookOutcome.Kyc.class);
        WebhookOutcome accounts = mapper.map(WebhookParserTest.fixture("gad-webhook.json"), false, RECEIVED);
        assertThat(accounts).isInstanceOf(WebhookOutcome.AccountsDetail.class);
        assertThat(accounts.loginId()).isEqualTo(LOGIN);
    }

    @Test
    void eventsNameTheUserOfATagWeSignedEvenExpiredNeverOfAForgedOne() {
        String expired = new TagSigner(
                        List.of(TAG_SECRET),
                        Duration.ofMinutes(30),
                        Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC))
                .sign("user-9", FlinksFlow.WEBHOOK)
                .value();
        String forged = new TagSigner(List.of("someone-elses-secret-123"), Duration.ofMinutes(30), Clock.systemUTC())
                .sign("user-9", FlinksFlow.WEBHOOK)
                .value();
        String gad = "{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r\"," + LOGIN_JSON + ",\"Tag\":%s}";
        assertThat(accountsReady(gad.formatted("\"" + expired + "\"")).getUserReference())
                .isEqualTo("user-9");
        assertThat(accountsReady(gad.formatted("\"" + forged + "\"")).getUserReference())
                .isNull();
        assertThat(accountsReady(gad.formatted("\"userId=123\"")).getUserReference())
                .isNull();
        assertThat(accountsReady(gad.formatted("42")).getUserReference()).isNull();
        assertThat(accountsReady(gad.formatted("\"" + expired + "\"")).getTag()).isEqualTo(expired);
        KycReceived kyc = ((WebhookOutcome.Kyc) mapper.map(
                        ("{\"ResponseType\":\"KYC\"," + LOGIN_JSON + ",\"Tag\":\"" + expired + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        true,
                        RECEIVED))
                .event();
        assertThat(kyc.getUserReference()).isEqualTo("user-9");
        // With tag signing off nothing can be verified: no user.
        WebhookMapper unsigned = new WebhookMapper(new TagUserReferences(Optional.empty()));
        assertThat(((WebhookOutcome.AccountsDetail) unsigned.map(
                                gad.formatted("\"" + expired + "\"").getBytes(StandardCharsets.UTF_8), true, RECEIVED))
                        .event()
                        .getUserReference())
                .isNull();
    }

    private AccountsReady accountsReady(String json) {
        WebhookOutcome outcome = mapper.map(json.getBytes(StandardCharsets.UTF_8), true, RECEIVED);
        assertThat(outcome).isInstanceOf(WebhookOutcome.AccountsDetail.class);
        return ((WebhookOutcome.AccountsDetail) outcome).event();
    }

    @Test
    void anUnknownTypeIsKeptAndReportedOnItsLogin() {
        WebhookOutcome.Unhandled u = unhandled(
                "{\"ResponseType\":\"Investments\",\"HttpStatusCode\":200," + LOGIN_JSON
                        + ",\"RequestId\":\"r-1\",\"Positions\":[]}",
                "unknown-type");
        assertThat(u.responseType()).isEqualTo("Investments");
        assertThat(u.loginId()).isEqualTo(LOGIN);
        assertThat(u.requestId()).isEqualTo("r-1");
        assertThat(u.detail()).isEqualTo("ResponseType Investments is not mapped.");
        PipelineFailed f = u.failure();
        assertThat(f.getLoginId()).isEqualTo(LOGIN);
        assertThat(f.getRequestId()).isEqualTo("r-1");
        assertThat(f.getStage()).isEqualTo(FailureStage.INGEST);
        assertThat(f.getReason()).isEqualTo(WebhookFailures.UNKNOWN_WEBHOOK_TYPE);
        assertThat(f.getMessage()).isEqualTo(u.detail());
        assertThat(f.getFlow()).isEqualTo("WEBHOOK");
        assertThat(f.getAttempts()).isEqualTo(1);
        assertThat(f.getFailedAt()).isEqualTo(RECEIVED);
        assertThat(f.getFlinksCode()).isNull();
        assertThat(f.getHttpStatus()).isNull();
        assertThat(unhandled("{" + LOGIN_JSON + "}", "unknown-type").detail())
                .isEqualTo("The webhook has no ResponseType.");
    }

    @Test
    void unmappableContentIsKeptWithThePathOfTheDefect() {
        String gad = "{\"ResponseType\":\"GetAccountsDetail\"," + LOGIN_JSON;
        WebhookOutcome.Unhandled noRequest = unhandled(gad + ",\"Accounts\":[]}", "missing-request-id");
        assertThat(noRequest.failure().getReason()).isEqualTo(WebhookFailures.UNMAPPABLE_WEBHOOK);

        WebhookOutcome.Unhandled inexact = unhandled(
                gad + ",\"RequestId\":\"r\",\"Accounts\":[{\"Id\":\"a\"," + "\"Transactions\":[{\"Debit\":0.00001}]}]}",
                "invalid-payload");
        assertThat(inexact.detail())
                .contains("Accounts[0].Transactions[0].Debit")
                .doesNotContain("0.00001");
        assertThat(inexact.failure().getMessage()).isEqualTo(inexact.detail());
        assertThat(inexact.failure().getLoginId()).isEqualTo(LOGIN);

        WebhookOutcome.Unhandled wrongType =
                unhandled(gad + ",\"RequestId\":\"r\",\"InstitutionId\":\"fourteen\"}", "invalid-payload");
        assertThat(wrongType.detail()).isEqualTo("InstitutionId must be an integer.");

        WebhookOutcome.Unhandled badStatus = unhandled(gad + ",\"HttpStatusCode\":[200]}", "invalid-payload");
        assertThat(badStatus.detail()).contains("HttpStatusCode");
        assertThat(badStatus.failure()).isNotNull();

        WebhookOutcome.Unhandled kycHolders =
                unhandled("{\"ResponseType\":\"KYC\"," + LOGIN_JSON + ",\"Holders\":{}}", "invalid-payload");
        assertThat(kycHolders.detail()).contains("Holders");
    }

    @Test
    void withoutALoginIdOnlyTheRawRecordRemains() {
        WebhookOutcome.Unhandled missing =
                unhandled("{\"ResponseType\":\"GetAccountsDetail\",\"RequestId\":\"r\"}", "missing-login-id");
        assertThat(missing.loginId()).isNull();
        assertThat(missing.failure()).isNull();
        WebhookOutcome.Unhandled invalid =
                unhandled("{\"ResponseType\":\"KYC\",\"Login\":{\"Id\":\"nope\"}}", "invalid-login-id");
        assertThat(invalid.failure()).isNull();
        assertThat(unhandled("{\"ResponseType\":\"KYC\",\"Login\":\"" + LOGIN + "\"}", "invalid-payload")
                        .failure())
                .isNull();
    }

    @Test
    void aFailureFlinksAnnouncesBecomesFlinksError() {
        WebhookOutcome.Unhandled u = unhandled(
                "{\"ResponseType\":\"GetAccountsDetail\",\"HttpStatusCode\":401,"
                        + "\"FlinksCode\":\"DISABLED_LOGIN\",\"Message\":\"The login has been disabled\"," + LOGIN_JSON
                        + ",\"RequestId\":\"5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f\"}",
                "failed-request");
        assertThat(u.detail()).isEqualTo("Flinks announced HTTP 401 in a GetAccountsDetail webhook.");
        PipelineFailed f = u.failure();
        assertThat(f.getReason()).isEqualTo(WebhookFailures.FLINKS_ERROR);
        assertThat(f.getFlinksCode()).isEqualTo("DISABLED_LOGIN");
        assertThat(f.getHttpStatus()).isEqualTo(401);
        assertThat(f.getRequestId()).isEqualTo("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f");
        // Without a FlinksCode (or with one that is no code) the failure still goes out.
        PipelineFailed bare = unhandled(
                        "{\"ResponseType\":\"KYC\",\"HttpStatusCode\":500," + LOGIN_JSON
                                + ",\"FlinksCode\":\"jane doe\"}",
                        "failed-request")
                .failure();
        assertThat(bare.getFlinksCode()).isNull();
        assertThat(bare.getHttpStatus()).isEqualTo(500);
    }

    @Test
    void authenticatedBodiesThatAreNotJsonAreKeptUnauthenticatedOnesRefused() {
        String[][] cases = {
            {"{\"ResponseType\":\"KYC\",", "malformed-json"},
            {"", "malformed-json"},
            {"{\"Login\":{\"Id\":\"" + LOGIN + "\",\"Id\":\"" + LOGIN + "\"}}", "duplicate-key"},
            {"{\"Login\":{\"Id\":\"" + LOGIN + "\"},\"\\udfff\":1}", "invalid-unicode"},
        };
        for (String[] c : cases) {
            WebhookOutcome.Unhandled u = unhandled(c[0], c[1]);
            assertThat(u.loginId()).as(c[1]).isNull();
            assertThat(u.failure()).isNull();
            assertThat(u.responseType()).isNull();
            assertThatThrownBy(() -> mapper.map(c[0].getBytes(StandardCharsets.UTF_8), false, RECEIVED))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.code()).isEqualTo(c[1]);
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
        // A lone surrogate in a string: the document is JSON, so its login is told.
        String lone = "{\"ResponseType\":\"KYC\"," + LOGIN_JSON + ",\"Holders\":[{\"Name\":\"Jane \\udfff\"}]}";
        WebhookOutcome.Unhandled inString = unhandled(lone, "invalid-unicode");
        assertThat(inString.detail()).isEqualTo("Holders[0].Name holds an unpaired UTF-16 surrogate.");
        assertThat(inString.responseType()).isEqualTo("KYC");
        assertThat(inString.failure().getReason()).isEqualTo(WebhookFailures.UNMAPPABLE_WEBHOOK);
        assertThat(inString.failure().getLoginId()).isEqualTo(LOGIN);
        assertThatThrownBy(() -> mapper.map(lone.getBytes(StandardCharsets.UTF_8), false, RECEIVED))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("invalid-unicode"));
        // Well-formed JSON that is no object is kept either way.
        assertThat(mapper.map("[1]".getBytes(StandardCharsets.UTF_8), false, RECEIVED))
                .isInstanceOfSatisfying(
                        WebhookOutcome.Unhandled.class,
                        u -> assertThat(u.reason()).isEqualTo("invalid-webhook"));
    }

    @Test
    void idsDependOnTheBodyOnly() {
        byte[] body = ("{\"ResponseType\":\"Investments\"," + LOGIN_JSON + "}").getBytes(StandardCharsets.UTF_8);
        WebhookOutcome.Unhandled a = (WebhookOutcome.Unhandled) mapper.map(body, true, RECEIVED);
        WebhookOutcome.Unhandled b =
                (WebhookOutcome.Unhandled) mapper.map(body.clone(), true, RECEIVED.plusSeconds(60));
        assertThat(b.eventId()).isEqualTo(a.eventId());
        assertThat(b.failure().getEventId()).isEqualTo(a.failure().getEventId()).isNotEqualTo(a.eventId());
        byte[] other = ("{\"ResponseType\":\"Investments\", " + LOGIN_JSON + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(((WebhookOutcome.Unhandled) mapper.map(other, true, RECEIVED)).eventId())
                .isNotEqualTo(a.eventId());
    }

    private WebhookOutcome.Unhandled unhandled(String json, String reason) {
        WebhookOutcome outcome = mapper.map(json.getBytes(StandardCharsets.UTF_8), true, RECEIVED);
        assertThat(outcome).isInstanceOf(WebhookOutcome.Unhandled.class);
        WebhookOutcome.Unhandled u = (WebhookOutcome.Unhandled) outcome;
        assertThat(u.reason()).as(json).isEqualTo(reason);
        assertThat(u.eventId()).isNotBlank();
        assertThat(u.detail()).isNotBlank();
        return u;
    }
}
