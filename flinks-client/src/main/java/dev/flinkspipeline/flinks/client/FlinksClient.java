package dev.flinkspipeline.flinks.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.flinkspipeline.flinks.client.http.DeadlineExceededException;
import dev.flinkspipeline.flinks.client.http.LimitedBodyHandler;
import dev.flinkspipeline.flinks.client.http.PathSegments;
import dev.flinkspipeline.flinks.client.http.Redactor;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.client.request.CustomAttributesRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flinks API client: GenerateAuthorizeToken, Authorize, GetAccountsDetail(+Async) and Attributes.
 *
 * <p>Every call returns at once with a future that completes, never exceptionally for server or network
 * problems, with a {@link FlinksResult}. Calls are independent and made exactly once (no hidden
 * retries): the caller decides from {@link FailureClass}. Thread-safe; one instance serves thousands of
 * concurrent calls (HTTP/1.1, one connection per call in flight, pooled for reuse).
 *
 * <p>Headers follow flinks-api.md 1.3: the secret key in {@code flinks-auth-key} for GenerateAuthorizeToken,
 * the one-time authorize token in {@code flinks-auth-key} for Authorize, {@code x-api-key} on data and
 * Attributes endpoints. Secrets never reach logs, messages or {@code toString}.
 *
 * <p>Invalid arguments (null, blank ids) are programming errors and throw at the call.
 */
public final class FlinksClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlinksClient.class);
    private static final String AUTH_KEY = "flinks-auth-key";
    private static final String API_KEY = "x-api-key";
    private static final String JSON = "application/json";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final FlinksClientConfig config;
    private final HttpClient http;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final ScheduledThreadPoolExecutor deadlines;
    private final ResponseInterpreter interpreter;
    private final Redactor redactor;
    private final String apiRoot;
    private final ObjectReader authorizeReader = FlinksJson.readerFor(AuthorizeResponse.class);
    private final ObjectReader accountsDetailReader = FlinksJson.readerFor(AccountsDetailResponse.class);
    private final ObjectReader attributesReader = FlinksJson.readerFor(AttributesResponse.class);
    private final ObjectReader treeReader = FlinksJson.mapper().reader();
    private final AtomicBoolean closed = new AtomicBoolean();

    public FlinksClient(FlinksClientConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int id = CLIENTS.incrementAndGet();
        if (config.executor().isPresent()) {
            this.executor = config.executor().get();
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(daemonThreads("flinks-client-" + id + "-worker-"));
            this.executor = ownedExecutor;
        }
        this.deadlines = new ScheduledThreadPoolExecutor(1, daemonThreads("flinks-client-" + id + "-deadlines-"));
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.redactor = new Redactor(List.of(config.secretKey(), config.apiKey()));
        this.interpreter = new ResponseInterpreter(redactor);
        this.apiRoot = config.baseUrl() + "/v3/" + PathSegments.encode(config.customerId());
    }

    public static FlinksClient create(FlinksClientConfig config) {
        return new FlinksClient(config);
    }

    public FlinksClientConfig config() {
        return config;
    }

    /**
     * {@code POST /BankingServices/GenerateAuthorizeToken} with the secret key: a one-time token for one
     * {@code /Authorize} session (or one Connect load).
     */
    public CompletableFuture<FlinksResult<AuthorizeToken>> generateAuthorizeToken() {
        HttpRequest request = post(banking("GenerateAuthorizeToken"), "")
                .header(AUTH_KEY, config.secretKey())
                .build();
        Call call = new Call(
                FlinksOperation.GENERATE_AUTHORIZE_TOKEN, "GenerateAuthorizeToken", null, null, "AuthorizeToken", null);
        return send(call, request, this::parseToken);
    }

    /**
     * {@code POST /BankingServices/Authorize} with the request's token: {@link FlinksResult.Data} opens a
     * session ({@link AuthorizeResponse#requestId()}), {@link FlinksResult.MfaChallenge} asks for answers
     * (send {@link AuthorizeRequest#mfaAnswers} with the same token).
     */
    public CompletableFuture<FlinksResult<AuthorizeResponse>> authorize(AuthorizeRequest authorize) {
        Objects.requireNonNull(authorize, "authorize");
        HttpRequest request = post(banking("Authorize"), write(authorize.toJson()))
                .header(AUTH_KEY, authorize.token().value())
                .build();
        Call call = new Call(
                FlinksOperation.AUTHORIZE,
                "Authorize",
                authorize.requestId(),
                authorize.loginId(),
                "AuthorizeResponse",
                authorize.token().value());
        return send(call, request, authorizeReader::readValue);
    }

    /**
     * {@code POST /BankingServices/GetAccountsDetail}: {@link FlinksResult.Data} with the accounts, or
     * {@link FlinksResult.Pending} (poll {@link #getAccountsDetailAsync} about every 10 s, up to 30 min).
     */
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> getAccountsDetail(AccountsDetailRequest detail) {
        Objects.requireNonNull(detail, "detail");
        HttpRequest request = post(banking("GetAccountsDetail"), write(detail.toJson()))
                .timeout(config.accountsDetailTimeout())
                .header(API_KEY, config.apiKey())
                .build();
        Call call = new Call(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                "GetAccountsDetail",
                detail.requestId(),
                null,
                "AccountsDetailResponse",
                null);
        return send(call, request, accountsDetailReader::readValue);
    }

    /** {@code GET /BankingServices/GetAccountsDetailAsync/{requestId}}: the poll after a 202. */
    public CompletableFuture<FlinksResult<AccountsDetailResponse>> getAccountsDetailAsync(String requestId) {
        String path = banking("GetAccountsDetailAsync") + "/" + PathSegments.encode(requestId);
        HttpRequest request = get(path).header(API_KEY, config.apiKey()).build();
        Call call = new Call(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                "GetAccountsDetailAsync",
                requestId,
                null,
                "AccountsDetailResponse",
                null);
        return send(call, request, accountsDetailReader::readValue);
    }

    /**
     * {@code GET /insight/login/{loginId}/attributes/{requestId}/Get…Attributes}: one use-case package, on a
     * session whose GetAccountsDetail has completed. A 202 means the calculation is still running: call again.
     */
    public CompletableFuture<FlinksResult<AttributesResponse>> getAttributes(
            String loginId, String requestId, AttributesUseCase useCase) {
        Objects.requireNonNull(useCase, "useCase");
        String path = attributes(loginId, requestId) + "/" + useCase.endpoint();
        HttpRequest request = get(path).header(API_KEY, config.apiKey()).build();
        Call call = new Call(
                FlinksOperation.GET_ATTRIBUTES, useCase.endpoint(), requestId, loginId, "AttributesResponse", null);
        return send(call, request, attributesReader::readValue);
    }

    /** {@code POST /insight/login/{loginId}/attributes/{requestId}}: a custom selection of attributes. */
    public CompletableFuture<FlinksResult<AttributesResponse>> getCustomAttributes(
            String loginId, String requestId, CustomAttributesRequest custom) {
        Objects.requireNonNull(custom, "custom");
        HttpRequest request = post(attributes(loginId, requestId), write(custom.toJson()))
                .header(API_KEY, config.apiKey())
                .build();
        Call call = new Call(
                FlinksOperation.GET_CUSTOM_ATTRIBUTES, "Attributes", requestId, loginId, "AttributesResponse", null);
        return send(call, request, attributesReader::readValue);
    }

    /** Stops the client's own threads (not a configured executor). Calls in flight may then fail. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            deadlines.shutdownNow();
            if (ownedExecutor != null) {
                ownedExecutor.shutdown();
            }
        }
    }

    @Override
    public String toString() {
        return "FlinksClient[" + config + "]";
    }

    /** A call being made: what the interpreter needs plus the loginId for logs. */
    private record Call(
            FlinksOperation operation,
            String endpoint,
            String requestId,
            String loginId,
            String modelName,
            String token) {
        ResponseInterpreter.Call forInterpreter() {
            return new ResponseInterpreter.Call(operation, endpoint, requestId, modelName, token);
        }
    }

    private <T> CompletableFuture<FlinksResult<T>> send(
            Call call, HttpRequest request, ResponseInterpreter.BodyParser<T> parser) {
        CompletableFuture<FlinksResult<T>> result = new CompletableFuture<>();
        long started = System.nanoTime();
        FlinksCallObserver.Call observed = observe(call);
        ResponseInterpreter.Call described = call.forInterpreter();
        Duration timeout = timeoutOf(call);
        if (closed.get()) {
            complete(
                    call,
                    observed,
                    result,
                    interpreter.fromThrowable(
                            described,
                            request.uri(),
                            new IOException("client closed"),
                            false,
                            timeout,
                            config.connectTimeout()),
                    started);
            return result;
        }
        LimitedBodyHandler body = new LimitedBodyHandler(config.maxResponseBytes());
        AtomicBoolean deadlineFired = new AtomicBoolean();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request, body);
        } catch (RuntimeException e) {
            complete(
                    call,
                    observed,
                    result,
                    interpreter.fromThrowable(described, request.uri(), e, false, timeout, config.connectTimeout()),
                    started);
            return result;
        }
        // HttpRequest.timeout only bounds the wait for the response headers; this bounds the whole call,
        // so a server that trickles or stalls the body cannot hold a caller forever.
        ScheduledFuture<?> deadline = scheduleDeadline(timeout, () -> {
            deadlineFired.set(true);
            body.abort(new DeadlineExceededException(call.endpoint() + " exceeded " + timeout));
            exchange.cancel(true);
        });
        exchange.whenComplete((response, error) -> {
            if (deadline != null) {
                deadline.cancel(false);
            }
            Runnable interpret = () -> {
                FlinksResult<T> outcome;
                try {
                    outcome = error != null
                            ? interpreter.fromThrowable(
                                    described,
                                    request.uri(),
                                    error,
                                    deadlineFired.get(),
                                    timeout,
                                    config.connectTimeout())
                            : interpreter.interpret(
                                    described, response.statusCode(), response.headers(), response.body(), parser);
                } catch (RuntimeException | Error e) {
                    outcome = interpreter.unexpected(described, response == null ? 0 : response.statusCode(), e);
                }
                complete(call, observed, result, outcome, started);
            };
            // Parse on the executor, never on the HTTP client's selector thread: a big body must not stall
            // other exchanges.
            try {
                executor.execute(interpret);
            } catch (RejectedExecutionException e) {
                interpret.run();
            }
        });
        return result;
    }

    private Duration timeoutOf(Call call) {
        return call.operation() == FlinksOperation.GET_ACCOUNTS_DETAIL
                ? config.accountsDetailTimeout()
                : config.requestTimeout();
    }

    private ScheduledFuture<?> scheduleDeadline(Duration timeout, Runnable onDeadline) {
        try {
            return deadlines.schedule(onDeadline, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // closing: HttpRequest.timeout still bounds the wait for headers
        }
    }

    private FlinksCallObserver.Call observe(Call call) {
        try {
            return config.callObserver().started(call.operation(), call.endpoint(), call.loginId(), call.requestId());
        } catch (RuntimeException e) {
            log.warn("Flinks call observer failed on {}: {}", call.endpoint(), e.toString());
            return FlinksCallObserver.NONE.started(call.operation(), call.endpoint(), null, null);
        }
    }

    private <T> void complete(
            Call call,
            FlinksCallObserver.Call observed,
            CompletableFuture<FlinksResult<T>> result,
            FlinksResult<T> outcome,
            long started) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (log.isDebugEnabled()) {
            log.debug(
                    "{}{}{} -> {} in {} ms",
                    call.endpoint(),
                    call.loginId() == null ? "" : " loginId=" + call.loginId(),
                    call.requestId() == null ? "" : " requestId=" + call.requestId(),
                    summary(outcome),
                    elapsed.toMillis());
        }
        try {
            config.callListener().onCompleted(call.operation(), outcome, elapsed);
        } catch (RuntimeException e) {
            log.warn("Flinks call listener failed on {}: {}", call.endpoint(), e.toString());
        }
        try {
            observed.completed(outcome, () -> result.complete(outcome));
        } catch (RuntimeException e) {
            log.warn("Flinks call observer failed on {}: {}", call.endpoint(), e.toString());
        }
        result.complete(outcome); // no-op when the observer completed it; a safety net when it did not
    }

    private static String summary(FlinksResult<?> outcome) {
        if (outcome instanceof FlinksResult.Data<?> data) {
            return "HTTP " + data.httpStatus() + " data (" + data.rawBody().length + " bytes)";
        }
        if (outcome instanceof FlinksResult.Pending<?> pending) {
            return "HTTP 202 " + pending.flinksCode();
        }
        if (outcome instanceof FlinksResult.MfaChallenge<?> mfa) {
            return "HTTP 203 MFA (" + mfa.challenges().size() + " challenges)";
        }
        FlinksResult.Failure<?> failure = (FlinksResult.Failure<?>) outcome;
        return failure.failureClass() + "/" + failure.kind() + ": " + failure.message();
    }

    private AuthorizeToken parseToken(byte[] body) throws IOException {
        JsonNode node = treeReader.readTree(body);
        JsonNode token = null;
        if (node != null && node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().equalsIgnoreCase("Token")) {
                    token = field.getValue();
                }
            }
        }
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new ResponseInterpreter.InvalidAnswerException("no Token field");
        }
        return new AuthorizeToken(token.asText());
    }

    private String banking(String endpoint) {
        return apiRoot + "/BankingServices/" + endpoint;
    }

    private String attributes(String loginId, String requestId) {
        return apiRoot + "/insight/login/" + PathSegments.encode(loginId) + "/attributes/"
                + PathSegments.encode(requestId);
    }

    private HttpRequest.Builder post(String uri, String json) {
        return base(uri).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", JSON);
    }

    private HttpRequest.Builder get(String uri) {
        return base(uri).GET();
    }

    private HttpRequest.Builder base(String uri) {
        return HttpRequest.newBuilder(URI.create(uri))
                .timeout(config.requestTimeout())
                .header("Accept", JSON);
    }

    private static String write(JsonNode body) {
        try {
            return FlinksJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a request body", e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
