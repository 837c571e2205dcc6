package dev.flinkspipeline.tools.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Drives customers through the running pipeline, the way production traffic arrives: half through the
 * standard flow (the sandbox holds a login that sends no webhook; the customer's browser lands on ingest's
 * Connect callback; the poller fetches the data), half through the webhook flow (the sandbox pushes the KYC
 * and GetAccountsDetail webhooks to ingest, and the browser lands on the callback too). Shows each
 * customer's progress live, then a summary table.
 */
public final class DemoDriver {

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
        ProgressView view = new ProgressView(out, isTerminal());
        ServiceTimers timers = options.latency() ? new ServiceTimers(targets.metricsUrls()) : null;
        try (PipelineWatcher watcher =
                new PipelineWatcher(targets.bootstrapServers(), targets.registryUrl(), PipelineWatcher.StartAt.END)) {
            CustomerStarter starter = new CustomerStarter(targets, watcher, options);
            if (starter.ingestInstances() > 1) {
                out.printf(
                        "Spread over %d ingest instances: sessions, callbacks and webhooks take turns%n",
                        starter.ingestInstances());
            }
            if (options.warmUp() > 0) {
                warmUp(starter, watcher, count + 1, options, timeout, targets.pids(), out);
            }
            if (timers != null) {
                timers.start();
            }
            StackSettle measured = StackSettle.begin(targets.pids());
            long start = System.nanoTime();
            List<DemoCustomer> customers =
                    starter.start(1, count, options.rate(), started -> view.render(started, start, false));
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
                measured.printCpu("Measured run", out);
                LatencyReport.print(customers, options.flinksImmediate(), out);
                timers.print(out);
            }
            return new DemoReport(customers);
        }
    }

    /**
     * Drives {@code options.warmUp()} customers (numbered from {@code first}), forgets them, then waits until the
     * stack's processes ({@code pids}) are quiet.
     */
    static void warmUp(
            CustomerStarter starter,
            PipelineWatcher watcher,
            int first,
            DemoOptions options,
            Duration timeout,
            Map<String, Long> pids,
            PrintStream out) {
        StackSettle settle = StackSettle.begin(pids);
        long start = System.nanoTime();
        List<DemoCustomer> customers = starter.start(first, options.warmUp(), options.rate(), started -> {});
        long deadline = start + timeout.toNanos();
        while (!customers.stream()
                        .allMatch(c -> c.startError() != null || c.trace().isTerminal())
                && System.nanoTime() < deadline) {
            pause();
        }
        out.printf(
                "Warm-up: %d customer(s), %d reached AttributesReady in %.1f s (left out of the figures)%n",
                customers.size(),
                customers.stream().filter(DemoCustomer::ready).count(),
                (System.nanoTime() - start) / 1e9);
        watcher.forget(customers.stream()
                .map(DemoCustomer::loginId)
                .filter(Objects::nonNull)
                .toList());
        settle.await(out);
    }

    /** A terminal that understands cursor moves (deploy/local/run says so when it runs us in the background). */
    private static boolean isTerminal() {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null || "1".equals(System.getenv("PIPELINE_TOOLS_TTY"));
        return tty && term != null && !term.equals("dumb");
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
