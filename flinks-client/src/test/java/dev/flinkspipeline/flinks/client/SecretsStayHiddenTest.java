package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.flinks.client.FlinksResult.Failure;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The secret key, the x-api-key and authorize tokens never show in toString, messages or logs. */
class SecretsStayHiddenTest {

    private static final String TOKEN = "one-time-token-7f3e9a";
    private static final String PASSWORD = "Everyday-Pa55";

    @Test
    void toStringNeverShowsSecrets() {
        FlinksClientConfig config = TestConfigs.forBaseUrl("http://127.0.0.1:1").build();
        AuthorizeToken token = new AuthorizeToken(TOKEN);
        String everything = String.join(
                "\n",
                config.toString(),
                TestConfigs.forBaseUrl("http://127.0.0.1:1").toString(),
                new FlinksClient(config).toString(),
                token.toString(),
                AuthorizeRequest.cached(token, "login-1").toString(),
                AuthorizeRequest.credentials(token, "FlinksCapital", "Greatday", PASSWORD)
                        .toString(),
                AuthorizeRequest.mfaAnswers(token, "req-1", Map.of("What city were you born in?", List.of("Montreal")))
                        .toString());

        assertThat(everything)
                .contains("login-1", "req-1", "***")
                .doesNotContain(TestConfigs.SECRET_KEY, TestConfigs.API_KEY, TOKEN, PASSWORD, "Greatday", "Montreal");
    }

    @Test
    void failureMessagesAndLogsNeverShowSecretsEvenWhenTheServerEchoesThem() throws Exception {
        // A careless server that echoes the credentials it received.
        RawHttpServer.Responder echo = (request, out) -> RawHttpServer.json(
                out,
                401,
                "{\"HttpStatusCode\":401,\"FlinksCode\":\"UNAUTHORIZED\",\"Message\":\"bad keys "
                        + request.header("flinks-auth-key") + " " + request.header("x-api-key") + "\"}");
        try (RawHttpServer server = RawHttpServer.start(echo);
                FlinksClient client = new FlinksClient(
                        TestConfigs.forBaseUrl(server.baseUrl()).build())) {
            Failure<AuthorizeToken> tokenFailure = GarbageResponsesTest.asFailure(
                    client.generateAuthorizeToken().get(10, TimeUnit.SECONDS));
            Failure<AuthorizeResponse> authorizeFailure = GarbageResponsesTest.asFailure(
                    client.authorize(AuthorizeRequest.cached(new AuthorizeToken(TOKEN), "login-1"))
                            .get(10, TimeUnit.SECONDS));
            Failure<?> gadFailure = GarbageResponsesTest.asFailure(
                    client.getAccountsDetail(AccountsDetailRequest.of("req-1")).get(10, TimeUnit.SECONDS));

            for (Failure<?> failure : List.of(tokenFailure, authorizeFailure, gadFailure)) {
                assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
                assertThat(failure.flinksCode()).isEqualTo("UNAUTHORIZED");
                assertThat(failure.message())
                        .contains("***")
                        .doesNotContain(TestConfigs.SECRET_KEY, TestConfigs.API_KEY, TOKEN);
                assertThat(failure.toString()).doesNotContain(TestConfigs.SECRET_KEY, TestConfigs.API_KEY, TOKEN);
            }
        }

        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        assertThat(logFile).as("surefire sets the log file").isNotNull();
        String logged = Files.readString(Path.of(logFile));
        assertThat(logged)
                .contains("GenerateAuthorizeToken", "UNAUTHORIZED", "login-1")
                .doesNotContain(TestConfigs.SECRET_KEY, TestConfigs.API_KEY, TOKEN, PASSWORD);
    }

    @Test
    void configFromEnvironmentNamesMissingVariablesButNeverValues() {
        Map<String, String> env = Map.of(
                "FLINKS_BASE_URL", "https://toolbox-api.private.fin.ag/",
                "FLINKS_CUSTOMER_ID", TestConfigs.CUSTOMER_ID,
                "FLINKS_SECRET_KEY", TestConfigs.SECRET_KEY,
                "FLINKS_API_KEY", TestConfigs.API_KEY,
                "FLINKS_CONNECT_TIMEOUT", "500ms",
                "FLINKS_REQUEST_TIMEOUT", "PT45S",
                "FLINKS_MAX_RESPONSE_BYTES", "16MiB");

        FlinksClientConfig config =
                FlinksClientConfig.builderFrom("FLINKS_", env).build();

        assertThat(config.baseUrl()).hasToString("https://toolbox-api.private.fin.ag");
        assertThat(config.secretKey()).isEqualTo(TestConfigs.SECRET_KEY);
        assertThat(config.apiKey()).isEqualTo(TestConfigs.API_KEY);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.maxResponseBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(FlinksClientConfig.parseDuration("x", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(FlinksClientConfig.parseDuration("x", "30")).isEqualTo(Duration.ofSeconds(30));

        Map<String, String> withoutKey = new HashMap<>(env);
        withoutKey.remove("FLINKS_API_KEY");
        assertThatThrownBy(() -> FlinksClientConfig.builderFrom("FLINKS_", withoutKey))
                .hasMessage("environment variable FLINKS_API_KEY is required");
        Map<String, String> badBaseUrl = new HashMap<>(env);
        badBaseUrl.put("FLINKS_BASE_URL", "toolbox-api");
        assertThatThrownBy(() ->
                        FlinksClientConfig.builderFrom("FLINKS_", badBaseUrl).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(TestConfigs.SECRET_KEY)
                .hasMessageNotContaining(TestConfigs.API_KEY);
    }
}
