package dev.flinkspipeline.flinks.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FlinksResult.Data;
import dev.flinkspipeline.flinks.client.FlinksResult.Failure;
import dev.flinkspipeline.flinks.client.FlinksResult.MfaChallenge;
import dev.flinkspipeline.flinks.client.FlinksResult.Pending;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.Account;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.model.SecurityChallenge;
import dev.flinkspipeline.flinks.client.model.Transaction;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.client.request.CustomAttributesRequest;
import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the running sandbox: every endpoint and every result class. */
class ClientAgainstSandboxTest {

    /** The toolbox's Canadian security questions (flinks-api.md 1.2). */
    private static final Map<String, String> MFA_ANSWERS = Map.of(
            "What city were you born in?", "Montreal",
            "What is the best country on earth?", "Canada",
            "What shape do people like most?", "Triangle");

    private static final List<String> TOKENS_SEEN = new CopyOnWriteArrayList<>();
    private static FlinksSandbox sandbox;
    private static SandboxAdminClient admin;
    private static FlinksClient client;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().pendingPolls(0).build());
        admin = new SandboxAdminClient(sandbox.baseUrl());
        client = new FlinksClient(TestConfigs.forBaseUrl(sandbox.baseUrl()).build());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        sandbox.close();
        // Nothing this class did may have put a credential in the log.
        String logFile = System.getProperty("org.slf4j.simpleLogger.logFile");
        String logged = Files.readString(Path.of(logFile));
        assertThat(logged).doesNotContain(TestConfigs.SECRET_KEY, TestConfigs.API_KEY);
        for (String token : TOKENS_SEEN) {
            assertThat(logged).doesNotContain(token);
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        admin.clearFaults();
    }

    @Test
    void cachedSessionPendingThenReadyAccountsAndAttributes() throws Exception {
        CreatedLogin login = admin.createLogin(2);
        AuthorizeResponse session = data(client.authorize(AuthorizeRequest.cached(token(), login.loginId())));
        assertThat(session.loginId()).isEqualTo(login.loginId());
        assertThat(session.requestId()).isNotBlank();
        assertThat(session.institution()).isEqualTo("FlinksCapital");
        String requestId = session.requestId();

        AccountsDetailRequest everything = AccountsDetailRequest.everything(requestId, DaysOfTransactions.Days90);
        FlinksResult<AccountsDetailResponse> first = await(client.getAccountsDetail(everything));
        assertThat(first).isInstanceOf(Pending.class);
        Pending<AccountsDetailResponse> pending = (Pending<AccountsDetailResponse>) first;
        assertThat(pending.flinksCode()).isEqualTo(FlinksCodes.OPERATION_PENDING);
        assertThat(pending.requestId()).isEqualTo(requestId);

        assertThat(await(client.getAccountsDetailAsync(requestId))).isInstanceOf(Pending.class);
        FlinksResult<AccountsDetailResponse> ready = await(client.getAccountsDetailAsync(requestId));
        assertThat(ready).as(String.valueOf(ready)).isInstanceOf(Data.class);
        Data<AccountsDetailResponse> data = (Data<AccountsDetailResponse>) ready;
        AccountsDetailResponse detail = data.body();

        assertThat(detail.requestId()).isEqualTo(requestId);
        assertThat(detail.loginId()).isEqualTo(login.loginId());
        assertThat(detail.accounts()).extracting(Account::id).containsExactlyInAnyOrderElementsOf(login.accountIds());
        Account account = detail.accounts().get(0);
        assertThat(account.holder()).isNotNull();
        assertThat(account.holder().name()).isNotBlank();
        assertThat(account.accountNumber()).isNotBlank();
        assertThat(account.currency()).isIn("CAD", "USD");
        assertThat(account.balance().current()).isNotNull();
        List<Transaction> transactions = detail.accounts().stream()
                .flatMap(a -> a.transactions().stream())
                .toList();
        assertThat(transactions).isNotEmpty().allSatisfy(t -> {
            assertThat(t.date()).isAfter(LocalDate.now().minusDays(100));
            assertThat(t.debit() != null || t.credit() != null).isTrue();
        });
        // The raw bytes are the very answer: they parse to the same model.
        assertThat(FlinksJson.readAccountsDetail(data.rawBody())).isEqualTo(detail);

        for (AttributesUseCase useCase : AttributesUseCase.values()) {
            AttributesResponse attributes = data(client.getAttributes(login.loginId(), requestId, useCase));
            assertThat(attributes.requestId()).isEqualTo(requestId);
            assertThat(attributes.card().get("Id").asText()).isEqualTo(login.loginId());
            assertThat(attributes.card().size()).as(useCase.name()).isGreaterThan(1);
        }
        AttributesResponse all = data(client.getAttributes(login.loginId(), requestId, AttributesUseCase.ALL));
        List<String> names = new ArrayList<>();
        all.card().fieldNames().forEachRemaining(names::add);
        names.remove("Id");
        String first2 = names.get(0);
        String second = names.get(1);

        AttributesResponse custom = data(client.getCustomAttributes(
                login.loginId(),
                requestId,
                CustomAttributesRequest.builder()
                        .attributes(List.of(first2, second))
                        .accountCategories(List.of("Operations"))
                        .attributesDetail(List.of(first2))
                        .build()));
        assertThat(custom.card().fieldNames()).toIterable().containsExactly("Id", first2, second);
        assertThat(custom.attribute(first2)).isEqualTo(all.attribute(first2));
        assertThat(custom.attributesDetails()).isNotNull();
        assertThat(custom.attributesDetails().has(first2)).isTrue();
    }

    @Test
    void accountsFilterAndDays365() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        String requestId = data(client.authorize(AuthorizeRequest.cached(token(), login.loginId())))
                .requestId();
        String onlyAccount = login.accountIds().get(0);

        AccountsDetailResponse detail = data(client.getAccountsDetail(AccountsDetailRequest.builder(requestId)
                .withTransactions(true)
                .daysOfTransactions(DaysOfTransactions.Days365)
                .accountsFilter(List.of(onlyAccount))
                .build()));

        assertThat(detail.accounts()).extracting(Account::id).containsExactly(onlyAccount);
        assertThat(detail.accounts().get(0).transactions())
                .extracting(Transaction::date)
                .anySatisfy(date -> assertThat(date).isBefore(LocalDate.now().minusDays(120)));
    }

    @Test
    void mfaChallengeThenAnswerRoundWithTheSameTokenForGreatday() throws Exception {
        AuthorizeToken token = token();
        FlinksResult<AuthorizeResponse> first =
                await(client.authorize(AuthorizeRequest.credentials(token, "FlinksCapital", "Greatday", "Everyday")));

        assertThat(first).as(String.valueOf(first)).isInstanceOf(MfaChallenge.class);
        MfaChallenge<AuthorizeResponse> challenge = (MfaChallenge<AuthorizeResponse>) first;
        assertThat(challenge.requestId()).isNotBlank();
        assertThat(challenge.challenges())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(MFA_ANSWERS).containsKey(c.prompt()));
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (SecurityChallenge c : challenge.challenges()) {
            answers.put(c.prompt(), List.of(MFA_ANSWERS.get(c.prompt())));
        }

        AuthorizeResponse session =
                data(client.authorize(AuthorizeRequest.mfaAnswers(token, challenge.requestId(), answers)));

        assertThat(session.requestId()).isEqualTo(challenge.requestId());
        assertThat(session.login().id()).isNotBlank();
    }

    @Test
    void wrongMfaAnswerIsTerminal() throws Exception {
        AuthorizeToken token = token();
        MfaChallenge<AuthorizeResponse> challenge = (MfaChallenge<AuthorizeResponse>)
                await(client.authorize(AuthorizeRequest.credentials(token, "FlinksCapital", "Greatday", "Everyday")));
        Map<String, List<String>> wrong = new LinkedHashMap<>();
        challenge.challenges().forEach(c -> wrong.put(c.prompt(), List.of("Atlantis")));

        Failure<AuthorizeResponse> failure =
                failure(client.authorize(AuthorizeRequest.mfaAnswers(token, challenge.requestId(), wrong)));

        assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.INVALID_SECURITY_RESPONSE);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
    }

    @Test
    void disabledLoginIsTerminal() throws Exception {
        Failure<AuthorizeResponse> failure = failure(client.authorize(
                AuthorizeRequest.credentials(token(), "FlinksCapital", "test_disabled_account", "Everyday")));

        assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.DISABLED_LOGIN);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
        assertThat(failure.kind()).isEqualTo(FailureKind.FLINKS_ERROR);
        assertThat(failure.operation()).isEqualTo(FlinksOperation.AUTHORIZE);
        assertThat(failure.httpStatus()).isEqualTo(401);
    }

    @Test
    void serviceUnavailableUserIsRetryLater() throws Exception {
        Failure<AuthorizeResponse> failure = failure(client.authorize(
                AuthorizeRequest.credentials(token(), "FlinksCapital", "test_service_unavailable", "Everyday")));

        assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.RETRY_LATER);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
    }

    @Test
    void unknownRequestIdMeansReauthorize() throws Exception {
        String unknown = UUID.randomUUID().toString();
        CreatedLogin login = admin.createLogin(0);

        List<Failure<?>> failures = List.of(
                failure(client.getAccountsDetail(AccountsDetailRequest.of(unknown))),
                failure(client.getAccountsDetailAsync(unknown)),
                failure(client.getAttributes(login.loginId(), unknown, AttributesUseCase.INCOME)));

        assertThat(failures).allSatisfy(failure -> {
            assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.SESSION_NONEXISTENT);
            assertThat(failure.failureClass()).isEqualTo(FailureClass.REAUTHORIZE);
            assertThat(failure.message()).contains(unknown);
        });
    }

    @Test
    void unknownLoginIdIsTerminal() throws Exception {
        Failure<AuthorizeResponse> failure = failure(client.authorize(
                AuthorizeRequest.cached(token(), UUID.randomUUID().toString())));

        assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.INVALID_LOGIN);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
    }

    @Test
    void reusedAuthorizeTokenIsRejected() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        AuthorizeToken token = token();
        data(client.authorize(AuthorizeRequest.cached(token, login.loginId())));

        Failure<AuthorizeResponse> failure = failure(client.authorize(AuthorizeRequest.cached(token, login.loginId())));

        assertThat(failure.flinksCode()).isEqualTo(FlinksCodes.UNAUTHORIZED);
        assertThat(failure.failureClass()).isEqualTo(FailureClass.TERMINAL);
        assertThat(failure.message()).doesNotContain(token.value());
    }

    @Test
    void badSecretKeyOrApiKeyIsUnauthorizedAndTerminal() throws Exception {
        try (FlinksClient wrong = new FlinksClient(TestConfigs.forBaseUrl(sandbox.baseUrl())
                .secretKey("not-the-secret-key")
                .apiKey("not-the-api-key")
                .build())) {
            Failure<AuthorizeToken> tokenFailure = failure(wrong.generateAuthorizeToken());
            assertThat(tokenFailure.flinksCode()).isEqualTo(FlinksCodes.UNAUTHORIZED);
            assertThat(tokenFailure.failureClass()).isEqualTo(FailureClass.TERMINAL);
            assertThat(tokenFailure.httpStatus()).isEqualTo(401);
            assertThat(tokenFailure.message()).doesNotContain("not-the-secret-key");

            CreatedLogin login = admin.createLogin(0);
            String requestId = data(client.authorize(AuthorizeRequest.cached(token(), login.loginId())))
                    .requestId();
            Failure<AccountsDetailResponse> gadFailure = failure(wrong.getAccountsDetailAsync(requestId));
            assertThat(gadFailure.flinksCode()).isEqualTo(FlinksCodes.UNAUTHORIZED);
            assertThat(gadFailure.failureClass()).isEqualTo(FailureClass.TERMINAL);
        }
    }

    @Test
    void injectedFaultsAreClassified() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        String requestId = data(client.authorize(AuthorizeRequest.cached(token(), login.loginId())))
                .requestId();

        admin.fault(Map.of(
                "endpoint", "GetAccountsDetailAsync", "serverErrorShare", 1, "serverErrorStatus", 503, "count", 1));
        Failure<AccountsDetailResponse> serverError = failure(client.getAccountsDetailAsync(requestId));
        assertThat(serverError.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(serverError.httpStatus()).isEqualTo(503);

        admin.fault(Map.of("endpoint", "GetAccountsDetailAsync", "tooManyRequestsShare", 1, "count", 1));
        Failure<AccountsDetailResponse> tooMany = failure(client.getAccountsDetailAsync(requestId));
        assertThat(tooMany.flinksCode()).isEqualTo(FlinksCodes.TOO_MANY_REQUESTS);
        assertThat(tooMany.failureClass()).isEqualTo(FailureClass.RETRY_LATER);

        admin.fault(Map.of("endpoint", "GetAccountsDetailAsync", "malformedShare", 1, "count", 1));
        Failure<AccountsDetailResponse> malformed = failure(client.getAccountsDetailAsync(requestId));
        assertThat(malformed.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        assertThat(malformed.kind()).isIn(FailureKind.MALFORMED_RESPONSE, FailureKind.HTTP_ERROR);

        try (FlinksClient impatient = new FlinksClient(TestConfigs.forBaseUrl(sandbox.baseUrl())
                .requestTimeout(Duration.ofMillis(200))
                .build())) {
            admin.fault(Map.of("endpoint", "GetAccountsDetailAsync", "latencyMs", 2000, "count", 1));
            Failure<AccountsDetailResponse> slow = failure(impatient.getAccountsDetailAsync(requestId));
            assertThat(slow.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(slow.failureClass()).isEqualTo(FailureClass.RETRY_LATER);
        }

        assertThat(await(client.getAccountsDetailAsync(requestId))).isInstanceOf(Data.class);
    }

    @Test
    void manyConcurrentPollsAllComplete() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        String requestId = data(client.authorize(AuthorizeRequest.cached(token(), login.loginId())))
                .requestId();
        admin.behaviour(login.loginId(), Map.of("pendingForever", true));

        List<CompletableFuture<FlinksResult<AccountsDetailResponse>>> polls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            polls.add(client.getAccountsDetailAsync(requestId));
        }
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(polls).allSatisfy(poll -> assertThat(poll.join()).isInstanceOf(Pending.class));
    }

    private static AuthorizeToken token() throws Exception {
        AuthorizeToken token = data(client.generateAuthorizeToken());
        TOKENS_SEEN.add(token.value());
        return token;
    }

    private static <T> FlinksResult<T> await(CompletableFuture<FlinksResult<T>> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    private static <T> T data(CompletableFuture<FlinksResult<T>> future) throws Exception {
        FlinksResult<T> result = await(future);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(Data.class);
        return result.dataOrNull();
    }

    private static <T> Failure<T> failure(CompletableFuture<FlinksResult<T>> future) throws Exception {
        FlinksResult<T> result = await(future);
        assertThat(result).as(String.valueOf(result)).isInstanceOf(Failure.class);
        return (Failure<T>) result;
    }
}
