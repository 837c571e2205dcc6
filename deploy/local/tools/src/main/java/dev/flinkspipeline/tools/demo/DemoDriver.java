package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.NewLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.http.JsonHttp;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives customers through the running pipeline, the way production traffic arrives: half through the
 * standard flow (the sandbox holds a login that sends no webhook; the customer's browser lands on ingest's
 * Connect callback; the poller fetches the data), half through the webhook flow (the sandbox pushes the KYC
 * and GetAccountsDetail webhooks to ingest, and the browser lands on the callback too). Shows each
 * customer's progress live, then a summary table.
 */
public final class DemoDriver {

    /** Toolbox user whose logins the sandbox creates for the demo. */
    static final String USERNAME = "Greatday";
    /** How long a customer's browser keeps repeating the store of its login (ingest's retry page: 5 min). */
    static final Duration STORE_DEADLINE = Duration.ofMinutes(5);

    /** How long the table waits for accounts-streams' records of customers whose AccountsReady was seen. */
    static final Duration SPLIT_GRACE = Duration.ofSeconds(15);

    private DemoDriver() {}

    public static DemoReport run(DemoTargets targets, int count, PrintStream out) {
        return run(targets, count, out, Duration.ofMinutes(3));
    }

    public static DemoReport run(DemoTargets targets, int count, PrintStream out, Duration timeout) {
        return run(targets, count, out, timeout, DemoOptions.DEFAULT);
    }

    public static DemoReport run(
            DemoTargets targets, int count, PrintStream out, Duration timeout, DemoOptions options) {
        if (count < 1) {
            throw new IllegalArgumentException("the demo needs at least one customer");
        }
        int webhook = count / 2;
        out.printf(
                "Demo: %d customer(s), %d through the standard flow, %d through the webhook flow%n",
                count, count - webhook, webhook);
        SandboxAdminClient admin = new SandboxAdminClient(targets.sandboxUrl());
        IngestRoutes ingest = targets.ingestRoutes();
        if (ingest.size() > 1) {
            out.printf("Spread over %d ingest instances: sessions, callbacks and webhooks take turns%n", ingest.size());
        }
        ProgressView view = new ProgressView(out, isTerminal());
        try (PipelineWatcher watcher =
                new PipelineWatcher(targets.bootstrapServers(), targets.registryUrl(), PipelineWatcher.StartAt.END)) {
            List<DemoCustomer> customers = new ArrayList<>();
            long start = System.nanoTime();
            for (int number = 1; number <= count; number++) {
                sleepUntil(start + options.startOffsetNanos(number - 1));
                Flow flow = number % 2 == 1 ? Flow.STANDARD : Flow.WEBHOOK;
                customers.add(startCustomer(number, flow, admin, ingest, watcher, options));
                view.render(customers, start, false);
            }
            long deadline = start + timeout.toNanos();
            while (!customers.stream()
                            .allMatch(c -> c.startError() != null || c.trace().isTerminal())
                    && System.nanoTime() < deadline) {
                view.render(customers, start, false);
                pause();
            }
            // accounts-streams splits each AccountsReady beside attributes: give it a moment to catch up, so that
            // the table shows its counts.
            long splitDeadline = Math.min(deadline, System.nanoTime()) + SPLIT_GRACE.toNanos();
            while (!customers.stream().allMatch(DemoCustomer::split) && System.nanoTime() < splitDeadline) {
                pause();
            }
            view.render(customers, start, true);
            out.println();
            SummaryTable.print(customers, out);
            if (options.latency()) {
                LatencyReport.print(customers, options.flinksImmediate(), out);
            }
            return new DemoReport(customers);
        }
    }

    private static DemoCustomer startCustomer(
            int number,
            Flow flow,
            SandboxAdminClient admin,
            IngestRoutes routes,
            PipelineWatcher watcher,
            DemoOptions options) {
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

    /** A terminal that understands cursor moves (deploy/local/run says so when it runs us in the background). */
    private static boolean isTerminal() {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null || "1".equals(System.getenv("PIPELINE_TOOLS_TTY"));
        return tty && term != null && !term.equals("dumb");
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

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
