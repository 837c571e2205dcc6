package dev.flinkspipeline.flinks.sandbox;

import com.sun.net.httpserver.HttpServer;
import dev.flinkspipeline.flinks.sandbox.admin.AdminApi;
import dev.flinkspipeline.flinks.sandbox.api.AttributesApi;
import dev.flinkspipeline.flinks.sandbox.api.BankingApi;
import dev.flinkspipeline.flinks.sandbox.api.Envelopes;
import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import dev.flinkspipeline.flinks.sandbox.api.Reply;
import dev.flinkspipeline.flinks.sandbox.connect.ConnectPages;
import dev.flinkspipeline.flinks.sandbox.data.AttributesCalculator;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.http.Call;
import dev.flinkspipeline.flinks.sandbox.http.Dispatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Flinks simulator: the Banking API, Attributes, webhooks, the Connect page and an admin API, on
 * the JDK HTTP server. Start in-process with {@link #start(SandboxConfig)} or as a program with
 * {@code java -jar flinks-sandbox-<version>.jar} (settings from {@code SANDBOX_*} environment variables).
 */
public final class FlinksSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinksSandbox.class);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY keep-alive clients hit
        // Nagle + delayed-ACK stalls of ~40 ms per answer. Read once, when the JDK server is first used.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final SandboxConfig config;
    private final SandboxState state;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledThreadPoolExecutor scheduler;

    private FlinksSandbox(SandboxConfig config) throws IOException {
        this.config = config;
        this.scheduler = new ScheduledThreadPoolExecutor(2, threads("flinks-sandbox-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        LoginDataGenerator generator = new LoginDataGenerator(
                config.seed(), config.asOf() != null ? config.asOf() : SandboxConfig.todayUtc(), config.accountSets());
        this.state = new SandboxState(config, generator, scheduler);
        BankingApi banking = new BankingApi(state);
        AttributesApi attributes = new AttributesApi(state, banking);
        ConnectPages connect = new ConnectPages(state);
        AdminApi admin = new AdminApi(state);
        Dispatcher dispatcher = new Dispatcher(state, new Dispatcher.Routes() {
            @Override
            public Reply banking(String endpoint, Call call) throws IOException {
                return switch (endpoint) {
                    case "GenerateAuthorizeToken" -> banking.generateAuthorizeToken(call);
                    case "Authorize" -> banking.authorize(call);
                    case "GetAccountsDetail" -> banking.accountsDetail(call);
                    case "GetAccountsDetailAsync" -> banking.accountsDetailAsync(call, call.segment(4));
                    default -> Envelopes.error(FlinksCode.INVALID_REQUEST, 404, "No such endpoint", null);
                };
            }

            @Override
            public Reply attributes(Call call) throws IOException {
                return attributes.handle(call);
            }

            @Override
            public Reply connect(Call call) throws IOException {
                return connect.handle(call);
            }

            @Override
            public Reply admin(Call call) throws IOException {
                return admin.handle(call);
            }
        });
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
        this.executor = new ThreadPoolExecutor(
                config.threads(),
                config.threads(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                threads("flinks-sandbox-http"));
        server.setExecutor(executor);
        server.createContext("/", dispatcher);
        server.start();
        scheduler.scheduleWithFixedDelay(state::sweep, 5, 5, TimeUnit.SECONDS);
    }

    /** Starts a sandbox; port 0 picks a free port (see {@link #baseUrl()}). */
    public static FlinksSandbox start(SandboxConfig config) {
        try {
            FlinksSandbox sandbox = new FlinksSandbox(config);
            LOG.info("Flinks sandbox listening on {} (customerId {})", sandbox.baseUrl(), config.customerId());
            return sandbox;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the Flinks sandbox on " + config.host() + ":" + config.port(), e);
        }
    }

    public static FlinksSandbox start() {
        return start(SandboxConfig.defaults());
    }

    /** e.g. {@code http://127.0.0.1:8090}; the API is under {@code /v3/{customerId}/...}. */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    /** Base URL of the Connect page: {@code baseUrl() + "/v2/"}. */
    public String connectUrl() {
        return baseUrl() + "/v2/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxConfig config() {
        return config;
    }

    /** The very generator this sandbox answers from (same seed and asOf): rebuild its exact payloads. */
    public LoginDataGenerator dataGenerator() {
        return state.generator();
    }

    /** Every attribute the sandbox computes for a login, from the same data it serves. */
    public Map<String, Object> expectedAttributes(String loginId) {
        return new AttributesCalculator(state.generator().generate(loginId)).all();
    }

    /** Internal state, for this module's admin API and tests. */
    public SandboxState state() {
        return state;
    }

    @Override
    public void close() {
        state.webhooks().close();
        server.stop(0);
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    private String hostForUrl() {
        String h = config.host();
        if ("0.0.0.0".equals(h)) {
            return "127.0.0.1";
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static void main(String[] args) {
        SandboxConfig config;
        try {
            config = SandboxConfig.fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        FlinksSandbox sandbox = start(config);
        LOG.info("Settings: {}", config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stopped.countDown();
                        },
                        "flinks-sandbox-shutdown"));
        try {
            stopped.await(); // the server threads are daemons: keep the program alive until stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
