package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.flinks.client.FlinksResult.Failure;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.client.request.CustomAttributesRequest;
import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.flinks.client.request.RefreshDelta;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What goes on the wire (paths, methods, headers, bodies) and how error envelopes are classified. */
class WireContractTest {

    private static final String API = "/v3/" + TestConfigs.CUSTOMER_ID;
    /** Answer per path; default 200 with {@code {}}. */
    private static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>();

    private static final List<String> LISTENED = new CopyOnWriteArrayList<>();
    private static RawHttpServer server;
    private static FlinksClient client;

    @BeforeAll
    static void start() throws Exception {
        server = RawHttpServer.start(WireContractTest::answer);
        client = new FlinksClient(TestConfigs.forBaseUrl(server.baseUrl() + "/")
                .callListener((operation, result, elapsed) -> LISTENED.add(operation + " " + result.httpStatus()))
                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close();
    }

    private static void answer(RawHttpServer.Request request, OutputStream out) throws IOException {
        String[] answer = ANSWERS.getOrDefault(request.path(), new String[] {"200", "{}"});
        StringBuilder head = new StringBuilder("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json\r\n");
        if (answer.length > 2) {
            head.append(answer[2]).append("\r\n");
        }
        byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static RawHttpServer.Request lastRequestTo(String path) {
        return server.requests().stream()
                .filter(r -> r.path().equals(path))
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static JsonNode json(String text) throws Exception {
        return FlinksJson.mapper().readTree(text);
    }

    private static <T> T await(CompletableFuture<FlinksResult<T>> future) throws Exception {
        FlinksResult<T> result = future.get(10, TimeUnit.SECONDS);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(FlinksResult.Data.class);
        return result.dataOrNull();
    }

    @Test
    void generateAuthorizeTokenSendsTheSecretKeyInFlinksAuthKey() throws Exception {
        String path = API + "/BankingServices/GenerateAuthorizeToken";
        ANSWERS.put(path, new String[] {"200", "{\"HttpStatusCode\":200,\"Token\":\"d65f1adb-token\"}"});

        AuthorizeToken token = await(client.generateAuthorizeToken());

        assertThat(token.value()).isEqualTo("d65f1adb-token");
        RawHttpServer.Request request = lastRequestTo(path);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("flinks-auth-key")).isEqualTo(TestConfigs.SECRET_KEY);
        assertThat(request.header("x-api-key")).isNull();
        assertThat(request.header("accept")).isEqualTo("application/json");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(LISTENED).contains("GENERATE_AUTHORIZE_TOKEN 200");
    }

    @Test
    void authorizeSendsTheTokenNeverTheSecretAndOnlyTheFieldsSet() throws Exception {
        String path = API + "/BankingServices/Authorize";
        ANSWERS.put(path, new String[] {"200", """
                {"HttpStatusCode":200,"Links":[{"rel":"AccountsDetail","href":"/GetAccountsDetail","example":null}],
                 "InstitutionName":"FlinksCapital","Login":{"Username":"Greatday","IsScheduledRefresh":false,
                 "LastRefresh":"2026-01-21T20:47:47.145999","Type":"Personal","Id":"login-1"},
                 "InstitutionId":14,"Institution":"FlinksCapital","RequestId":"req-1"}"""});
        AuthorizeToken token = new AuthorizeToken("one-time-token-1");

        AuthorizeResponse session = await(client.authorize(AuthorizeRequest.cached(token, "login-1")));
        RawHttpServer.Request cached = lastRequestTo(path);

        assertThat(session.requestId()).isEqualTo("req-1");
        assertThat(session.loginId()).isEqualTo("login-1");
        assertThat(session.links()).extracting("rel").containsExactly("AccountsDetail");
        assertThat(cached.method()).isEqualTo("POST");
        assertThat(cached.header("flinks-auth-key")).isEqualTo("one-time-token-1");
        assertThat(cached.header("x-api-key")).isNull();
        assertThat(json(cached.bodyText())).isEqualTo(json("{\"LoginId\":\"login-1\",\"MostRecentCached\":true}"));

        await(client.authorize(AuthorizeRequest.builder(token)
                .institution("FlinksCapital")
                .username("Greatday")
                .password("Everyday")
                .mostRecentCached(false)
                .language("fr")
                .save(true)
                .tag("user=42")
                .build()));
        assertThat(json(lastRequestTo(path).bodyText())).isEqualTo(json("""
                {"Institution":"FlinksCapital","Username":"Greatday","Password":"Everyday","MostRecentCached":false,
                 "Language":"fr","Save":true,"Tag":"user=42"}"""));

        await(client.authorize(AuthorizeRequest.mfaAnswers(
                token, "req-mfa", Map.of("What shape do people like most?", List.of("Triangle")))));
        RawHttpServer.Request mfa = lastRequestTo(path);
        assertThat(mfa.header("flinks-auth-key")).isEqualTo("one-time-token-1");
        assertThat(json(mfa.bodyText())).isEqualTo(json("""
                {"RequestId":"req-mfa","SecurityResponses":{"What shape do people like most?":["Triangle"]}}"""));
    }

    @Test
    void thenCallChainsOnDataAndPassesEverythingElseOn() throws Exception {
        String tokenPath = API + "/BankingServices/GenerateAuthorizeToken";
        String authorizePath = API + "/BankingServices/Authorize";
        ANSWERS.put(tokenPath, new String[] {"200", "{\"Token\":\"chain-token-1\"}"});
        ANSWERS.put(authorizePath, new String[] {"200", "{\"RequestId\":\"chained\"}"});
        FlinksResult<AuthorizeResponse> chained = client.generateAuthorizeToken()
                .thenCompose(r -> r.thenCall(t -> client.authorize(AuthorizeRequest.cached(t, "login-1"))))
                .get(10, TimeUnit.SECONDS);
        assertThat(chained.dataOrNull().requestId()).isEqualTo("chained");

        ANSWERS.put(tokenPath, new String[] {"401", "{\"FlinksCode\":\"UNAUTHORIZED\"}"});
        int before = server.requests().size();
        FlinksResult<AuthorizeResponse> stopped = client.generateAuthorizeToken()
                .thenCompose(r -> r.thenCall(t -> client.authorize(AuthorizeRequest.cached(t, "login-1"))))
                .get(10, TimeUnit.SECONDS);
        assertThat(stopped).isInstanceOf(Failure.class);
        assertThat(((Failure<AuthorizeResponse>) stopped).operation())
                .isEqualTo(FlinksOperation.GENERATE_AUTHORIZE_TOKEN);
        assertThat(server.requests()).hasSize(before + 1);
        ANSWERS.remove(tokenPath);
        ANSWERS.remove(authorizePath);
    }

    @Test
    void accountsDetailSendsTheApiKeyAndEveryOptionSet() throws Exception {
        String path = API + "/BankingServices/GetAccountsDetail";
        ANSWERS.put(path, new String[] {"200", "{\"RequestId\":\"req-1\",\"Accounts\":[]}"});
        AccountsDetailRequest request = AccountsDetailRequest.builder("req-1")
                .withAccountIdentity(true)
                .withKyc(true)
                .withTransactions(true)
                .daysOfTransactions(DaysOfTransactions.Days365)
                .accountsFilter(List.of("acc-1", "acc-2"))
                .withDetailsAndBankingStatements(false)
                .numberOfBankingStatements("MostRecent")
                .withBalance(true)
                .dateFrom(LocalDate.of(2025, 1, 1))
                .dateTo(LocalDate.of(2025, 3, 31))
                .refreshDelta(List.of(new RefreshDelta("acc-1", "tx-9")))
                .mostRecentCached(true)
                .build();

        await(client.getAccountsDetail(request));
        RawHttpServer.Request sent = lastRequestTo(path);

        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("x-api-key")).isEqualTo(TestConfigs.API_KEY);
        assertThat(sent.header("flinks-auth-key")).isNull();
        assertThat(json(sent.bodyText())).isEqualTo(json("""
                {"RequestId":"req-1","WithAccountIdentity":true,"WithKYC":true,"WithTransactions":true,
                 "DaysOfTransactions":"Days365","AccountsFilter":["acc-1","acc-2"],
                 "WithDetailsAndBankingStatements":false,"NumberOfBankingStatements":"MostRecent",
                 "WithBalance":true,"DateFrom":"2025-01-01","DateTo":"2025-03-31",
                 "RefreshDelta":[{"AccountId":"acc-1","TransactionId":"tx-9"}],"MostRecentCached":true}"""));

        await(client.getAccountsDetail(AccountsDetailRequest.of("req-2")));
        assertThat(json(lastRequestTo(path).bodyText())).isEqualTo(json("{\"RequestId\":\"req-2\"}"));
    }

    @Test
    void asyncPollIsAGetWithTheRequestIdEncodedInThePath() throws Exception {
        String path = API + "/BankingServices/GetAccountsDetailAsync/odd%2Fid%20x";
        ANSWERS.put(path, new String[] {"202", """
                {"HttpStatusCode":202,"FlinksCode":"OPERATION_PENDING","Message":"Your operation is still processing",
                 "Links":[{"rel":"GetAccountsDetailAsync","href":"/GetAccountsDetailAsync","example":null}],
                 "RequestId":"odd/id x"}"""});

        FlinksResult<AccountsDetailResponse> result =
                client.getAccountsDetailAsync("odd/id x").get(10, TimeUnit.SECONDS);

        assertThat(result)
                .isEqualTo(new FlinksResult.Pending<>(
                        "OPERATION_PENDING", "odd/id x", "Your operation is still processing"));
        RawHttpServer.Request sent = lastRequestTo(path);
        assertThat(sent.method()).isEqualTo("GET");
        assertThat(sent.header("x-api-key")).isEqualTo(TestConfigs.API_KEY);
        assertThat(sent.body()).isEmpty();
    }

    @Test
    void attributesUseCasesAndCustomSelectionUseTheInsightPaths() throws Exception {
        String prefix = API + "/insight/login/login-1/attributes/req-1";
        for (AttributesUseCase useCase : AttributesUseCase.values()) {
            ANSWERS.put(
                    prefix + "/" + useCase.endpoint(),
                    new String[] {"200", "{\"Card\":{\"Id\":\"login-1\",\"income\":1.50},\"RequestId\":\"req-1\"}"});
            AttributesResponse attributes = await(client.getAttributes("login-1", "req-1", useCase));
            assertThat(attributes.attribute("income").decimalValue()).isEqualByComparingTo("1.50");
            RawHttpServer.Request sent = lastRequestTo(prefix + "/" + useCase.endpoint());
            assertThat(sent.method()).isEqualTo("GET");
            assertThat(sent.header("x-api-key")).isEqualTo(TestConfigs.API_KEY);
        }
        assertThat(server.requests())
                .extracting(RawHttpServer.Request::path)
                .contains(
                        prefix + "/GetIncomeAttributes",
                        prefix + "/GetLendingAttributes",
                        prefix + "/GetCreditRiskAttributes",
                        prefix + "/GetUserAnalysisAttributes",
                        prefix + "/GetBusinessAnalysisAttributes",
                        prefix + "/GetAllAttributes",
                        prefix + "/GetAllBusinessAttributes");

        await(client.getCustomAttributes(
                "login-1",
                "req-1",
                CustomAttributesRequest.builder()
                        .attributes(List.of("a1", "a2"))
                        .accountCategories(List.of("Operations"))
                        .accountIds(List.of("acc-1"))
                        .attributesDetail(List.of("a1"))
                        .build()));
        RawHttpServer.Request custom = lastRequestTo(prefix);
        assertThat(custom.method()).isEqualTo("POST");
        assertThat(custom.header("x-api-key")).isEqualTo(TestConfigs.API_KEY);
        assertThat(json(custom.bodyText())).isEqualTo(json("""
                {"Attributes":{"Card":["a1","a2"]},"Filters":{"AccountCategory":["Operations"]},
                 "AccountFilter":{"AccountId":["acc-1"]},"AttributesDetail":{"Card":["a1"]}}"""));
    }

    @Test
    void errorEnvelopesAreClassifiedOnTheFlinksCodeFirst() throws Exception {
        assertClass(
                "401",
                "{\"HttpStatusCode\":401,\"FlinksCode\":\"TOO_MANY_REQUESTS\",\"Message\":\"slow down\"}",
                FailureClass.RETRY_LATER,
                "TOO_MANY_REQUESTS");
        assertClass("403", "{\"FlinksCode\":\"TOO_MANY_REQUESTS\"}", FailureClass.RETRY_LATER, "TOO_MANY_REQUESTS");
        assertClass("400", "{\"FlinksCode\":\"SESSION_EXPIRED\"}", FailureClass.REAUTHORIZE, "SESSION_EXPIRED");
        assertClass("400", "{\"FlinksCode\":\"session_nonexistent\"}", FailureClass.REAUTHORIZE, "SESSION_NONEXISTENT");
        assertClass("500", "{\"FlinksCode\":\"AGGREGATION_ERROR\"}", FailureClass.RETRY_LATER, "AGGREGATION_ERROR");
        assertClass("405", "{\"FlinksCode\":\"DISABLED_INSTITUTION\"}", FailureClass.TERMINAL, "DISABLED_INSTITUTION");
        assertClass("400", "{\"FlinksCode\":\"INVALID_REQUEST\"}", FailureClass.TERMINAL, "INVALID_REQUEST");
        assertClass("401", "{\"flinkscode\":\"NEW_ACCOUNT\"}", FailureClass.TERMINAL, "NEW_ACCOUNT");
        // Unknown codes fall back on the status.
        assertClass("503", "{\"FlinksCode\":\"SOMETHING_NEW\"}", FailureClass.RETRY_LATER, "SOMETHING_NEW");
        assertClass("400", "{\"FlinksCode\":\"SOMETHING_NEW\"}", FailureClass.TERMINAL, "SOMETHING_NEW");
        assertClass("500", "{\"Message\":\"boom\"}", FailureClass.RETRY_LATER, null);
        assertClass("408", "", FailureClass.RETRY_LATER, null);
        assertClass("401", "{\"Message\":\"no\"}", FailureClass.TERMINAL, null);
    }

    @Test
    void errorMessagesCarryTheServerMessageAndRetryAfter() throws Exception {
        String path = API + "/BankingServices/GetAccountsDetail";
        ANSWERS.put(path, new String[] {
            "400",
            "{\"HttpStatusCode\":400,\"Message\":\"RequestId req-7 is invalid or session has ended\","
                    + "\"FlinksCode\":\"SESSION_NONEXISTENT\"}"
        });
        Failure<AccountsDetailResponse> failure = GarbageResponsesTest.asFailure(
                client.getAccountsDetail(AccountsDetailRequest.of("req-7")).get(10, TimeUnit.SECONDS));
        assertThat(failure.message())
                .isEqualTo(
                        "GetAccountsDetail answered HTTP 400 SESSION_NONEXISTENT: RequestId req-7 is invalid or session has ended");
        assertThat(failure.kind()).isEqualTo(FailureKind.FLINKS_ERROR);
        assertThat(failure.requestId()).isEqualTo("req-7");
        assertThat(failure.isReauthorize()).isTrue();

        ANSWERS.put(path, new String[] {"429", "", "Retry-After: 7"});
        Failure<AccountsDetailResponse> limited = GarbageResponsesTest.asFailure(
                client.getAccountsDetail(AccountsDetailRequest.of("req-8")).get(10, TimeUnit.SECONDS));
        assertThat(limited.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(limited.message()).isEqualTo("GetAccountsDetail answered HTTP 429 with an empty body");
        ANSWERS.remove(path);
    }

    private static void assertClass(String status, String body, FailureClass expected, String code) throws Exception {
        String path = API + "/BankingServices/GetAccountsDetailAsync/req-class";
        ANSWERS.put(path, new String[] {status, body});
        Failure<AccountsDetailResponse> failure = GarbageResponsesTest.asFailure(
                client.getAccountsDetailAsync("req-class").get(10, TimeUnit.SECONDS));
        assertThat(failure.failureClass()).as(status + " " + body).isEqualTo(expected);
        assertThat(failure.flinksCode()).isEqualTo(code);
        assertThat(failure.httpStatus()).isEqualTo(Integer.parseInt(status));
        assertThat(failure.kind()).isEqualTo(code == null ? FailureKind.HTTP_ERROR : FailureKind.FLINKS_ERROR);
    }
}
