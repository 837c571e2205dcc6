package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which failures cast doubt on our own credentials, and which are a login's own problem. */
class CredentialFaultsTest {

    private static Optional<Credential> suspect(FlinksOperation operation, String code, int status) {
        FailureKind kind = code != null ? FailureKind.FLINKS_ERROR : FailureKind.HTTP_ERROR;
        return CredentialFaults.suspect(operation, kind, code, status);
    }

    @Test
    void unauthorizedOnTheTokenEndpointSuspectsTheSecretKey() {
        assertThat(suspect(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "UNAUTHORIZED", 401))
                .contains(Credential.SECRET_KEY);
        assertThat(suspect(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "unauthorized ", 401))
                .contains(Credential.SECRET_KEY);
    }

    @Test
    void unauthorizedWithOurApiKeySuspectsTheApiKey() {
        for (FlinksOperation operation : new FlinksOperation[] {
            FlinksOperation.GET_ACCOUNTS_DETAIL,
            FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
            FlinksOperation.GET_ATTRIBUTES,
            FlinksOperation.GET_CUSTOM_ATTRIBUTES
        }) {
            assertThat(suspect(operation, "UNAUTHORIZED", 401))
                    .as(operation.name())
                    .contains(Credential.API_KEY);
        }
    }

    @Test
    void unauthorizedOnAuthorizeIsAboutThatLoginSOneTimeToken() {
        assertThat(suspect(FlinksOperation.AUTHORIZE, "UNAUTHORIZED", 401)).isEmpty();
    }

    @Test
    void a401Or403WithoutAFlinksCodeSuspectsTheCredentialTheCallPresents() {
        assertThat(suspect(FlinksOperation.GENERATE_AUTHORIZE_TOKEN, null, 403)).contains(Credential.SECRET_KEY);
        assertThat(suspect(FlinksOperation.AUTHORIZE, null, 401)).contains(Credential.SECRET_KEY);
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC, null, 401))
                .contains(Credential.API_KEY);
        assertThat(suspect(FlinksOperation.GET_ATTRIBUTES, null, 403)).contains(Credential.API_KEY);
    }

    @Test
    void loginProblemsAndTransientFaultsSuspectNothing() {
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, "TOO_MANY_REQUESTS", 401))
                .isEmpty();
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, "RETRY_LATER", 401))
                .isEmpty();
        assertThat(suspect(FlinksOperation.AUTHORIZE, "INVALID_LOGIN", 401)).isEmpty();
        assertThat(suspect(FlinksOperation.AUTHORIZE, "DISABLED_LOGIN", 401)).isEmpty();
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, "ACCESS_DENIED", 401))
                .isEmpty();
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, null, 404)).isEmpty();
        assertThat(suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, null, 500)).isEmpty();
        assertThat(CredentialFaults.suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, FailureKind.TIMEOUT, null, 0))
                .isEmpty();
        assertThat(CredentialFaults.suspect(FlinksOperation.GET_ACCOUNTS_DETAIL, FailureKind.TRANSPORT, null, 0))
                .isEmpty();
    }

    @Test
    void aGatewaySHtml401PageReachesTheCallerAsASuspectedCredentialFault() throws Exception {
        String page = "<html><body><h1>401 Authorization Required</h1></body></html>";
        try (RawHttpServer server = RawHttpServer.start((request, out) -> html(out, 401, page));
                FlinksClient client = new FlinksClient(
                        TestConfigs.forBaseUrl(server.baseUrl()).build())) {
            FlinksResult.Failure<?> failure = GarbageResponsesTest.asFailure(
                    client.generateAuthorizeToken().get(10, TimeUnit.SECONDS));

            assertThat(failure.kind()).isEqualTo(FailureKind.HTTP_ERROR);
            assertThat(failure.flinksCode()).isNull();
            assertThat(failure.suspectedCredential()).contains(Credential.SECRET_KEY);
            assertThat(failure.message())
                    .doesNotContain(TestConfigs.SECRET_KEY)
                    .doesNotContain("Authorization Required");
        }
    }

    @Test
    void aReclassifiedFailureKeepsEverythingButItsClassAndMessage() {
        FlinksResult.Failure<Object> failure = new FlinksResult.Failure<>(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                FailureClass.TERMINAL,
                FailureKind.FLINKS_ERROR,
                "UNAUTHORIZED",
                401,
                "no",
                "req-1",
                null);

        FlinksResult.Failure<Object> credentials = failure.reclassified(FailureClass.CREDENTIALS, "our key");

        assertThat(credentials)
                .isEqualTo(new FlinksResult.Failure<>(
                        FlinksOperation.GET_ACCOUNTS_DETAIL,
                        FailureClass.CREDENTIALS,
                        FailureKind.FLINKS_ERROR,
                        "UNAUTHORIZED",
                        401,
                        "our key",
                        "req-1",
                        null));
    }

    private static void html(OutputStream out, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/html\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }
}
