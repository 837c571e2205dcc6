package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.NewLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.http.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts demo customers the way production traffic arrives: a Connect session at ingest, the login at the sandbox
 * (standard flow: no webhooks; webhook flow: the sandbox pushes them to ingest), then the browser's Connect
 * callback. At a steady rate, each customer starts on its own thread at its time, so that a slow start does not
 * delay the next one: the arrival rate is the one asked for.
 */
final class CustomerStarter {

    /** Toolbox user whose logins the sandbox creates for the demo. */
    static final String USERNAME = "Greatday";
    /** How long a customer's browser keeps repeating the store of its login (ingest's retry page: 5 min). */
    static final Duration STORE_DEADLINE = Duration.ofMinutes(5);

    private final SandboxAdminClient admin;
    private final IngestRoutes routes;
    private final PipelineWatcher watcher;
    private final DemoOptions options;

    CustomerStarter(DemoTargets targets, PipelineWatcher watcher, DemoOptions options) {
        this.admin = new SandboxAdminClient(targets.sandboxUrl());
        this.routes = targets.ingestRoutes();
        this.watcher = watcher;
        this.options = options;
    }

    int ingestInstances() {
        return routes.size();
    }

    /**
     * Starts customers {@code first .. first + count - 1} at {@code rate} a second (0: one after the other);
     * odd numbers take the standard flow, even ones the webhook flow. {@code started} sees each as its start ends.
     */
    List<DemoCustomer> start(int first, int count, int rate, Consumer<List<DemoCustomer>> started) {
        List<DemoCustomer> customers = new ArrayList<>();
        if (rate == 0) {
            for (int number = first; number < first + count; number++) {
                customers.add(start(number));
                started.accept(customers);
            }
            return customers;
        }
        List<CompletableFuture<DemoCustomer>> starts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                sleepUntil(t0 + i * 1_000_000_000L / rate);
                int number = first + i;
                starts.add(CompletableFuture.supplyAsync(() -> start(number), threads));
                started.accept(done(starts));
            }
        }
        return starts.stream().map(CompletableFuture::join).toList();
    }

    private static List<DemoCustomer> done(List<CompletableFuture<DemoCustomer>> starts) {
        return starts.stream()
                .filter(CompletableFuture::isDone)
                .map(CompletableFuture::join)
                .toList();
    }

    DemoCustomer start(int number) {
        Flow flow = number % 2 == 1 ? Flow.STANDARD : Flow.WEBHOOK;
        long started = System.nanoTime();
        IngestRoutes.Route route = routes.route(number);
        try {
            IngestClient.ConnectSession session = route.session().createSession("demo-customer-" + number, flow);
            NewLogin request = NewLogin.ofUser(USERNAME).withTag(session.tag());
            if (options.flinksImmediate()) {
                request = request.withBehaviour(Map.of("pendingPolls", 0));
            }
            CreatedLogin login = admin.createLogin(
                    flow == Flow.WEBHOOK
                            ? request.withWebhookUrl(route.callback().webhookUrl())
                            : request.withFireWebhooks(false));
            long callbackSent = System.nanoTime();
            // As the customer's browser does: when ingest cannot store the login yet, repeat until it can.
            JsonHttp.Answer callback = route.callback()
                    .finishConnect(
                            login.loginId(),
                            SandboxAdminClient.INSTITUTION,
                            session.tag(),
                            login.accountIds(),
                            STORE_DEADLINE);
            if (callback.status() / 100 != 3 && !callback.ok()) {
                throw new IllegalStateException("Connect callback answered " + callback.status());
            }
            return new DemoCustomer(
                    number, flow, login.loginId(), started, callbackSent, watcher.trace(login.loginId()), null);
        } catch (RuntimeException e) {
            return new DemoCustomer(number, flow, null, started, started, new CustomerTrace("-"), e.getMessage());
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
