package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import java.io.PrintStream;
import java.util.List;

/**
 * Live progress of the demo. On a terminal: one line per customer, redrawn in place (ANSI cursor moves).
 * Elsewhere (a CI log, a pipe): one counter line, printed only when a count changed and at most every
 * two seconds, so a log stays short.
 */
final class ProgressView {

    private static final String UP = "\u001b[%dA";
    private static final String CLEAR_LINE = "\u001b[2K";

    private final PrintStream out;
    private final boolean terminal;
    private int drawnLines;
    private String lastSummary = "";
    private long lastPrintNanos;

    ProgressView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void render(List<DemoCustomer> customers, long startNanos, boolean last) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (terminal) {
            StringBuilder text = new StringBuilder();
            if (drawnLines > 0) {
                text.append(String.format(UP, drawnLines));
            }
            for (DemoCustomer c : customers) {
                text.append(CLEAR_LINE).append(line(c, elapsed)).append('\n');
            }
            text.append(CLEAR_LINE).append(String.format("  %s   %.1f s%n", counters(customers), elapsed));
            drawnLines = customers.size() + 1;
            out.print(text);
            out.flush();
            return;
        }
        String summary = counters(customers);
        long now = System.nanoTime();
        if (last || (!summary.equals(lastSummary) && now - lastPrintNanos > 2_000_000_000L)) {
            out.printf("  [%5.1f s] %s%n", elapsed, summary);
            lastSummary = summary;
            lastPrintNanos = now;
        }
    }

    private static String line(DemoCustomer c, double elapsed) {
        CustomerTrace t = c.trace();
        String id = c.loginId() == null ? "--------" : c.loginId().substring(0, 8);
        String time = c.timeToAttributes()
                .map(d -> String.format("%5.1f s", d.toMillis() / 1000.0))
                .orElse(
                        c.trace().isTerminal() || c.startError() != null
                                ? "      "
                                : String.format("%5.1f s", elapsed));
        return String.format(
                "  %2d %-8s %s  %s %s %s %s  %s  %s",
                c.number(),
                c.flow().label(),
                id,
                mark("login", t.has(LoginReceived.class), false),
                c.flow() == Flow.WEBHOOK ? mark("kyc", t.has(KycReceived.class), false) : "     ",
                mark("accounts", t.has(AccountsReady.class), false),
                mark("attributes", t.has(AttributesReady.class), t.has(PipelineFailed.class)),
                time,
                c.startError() != null ? "not started" : t.has(PipelineFailed.class) ? "PipelineFailed" : "");
    }

    private static String mark(String stage, boolean done, boolean failed) {
        return (failed ? "x " : done ? "+ " : ". ") + stage;
    }

    private static String counters(List<DemoCustomer> customers) {
        long login = customers.stream()
                .filter(c -> c.trace().has(LoginReceived.class))
                .count();
        long webhook = customers.stream().filter(c -> c.flow() == Flow.WEBHOOK).count();
        long kyc = customers.stream()
                .filter(c -> c.flow() == Flow.WEBHOOK && c.trace().has(KycReceived.class))
                .count();
        long accounts = customers.stream()
                .filter(c -> c.trace().has(AccountsReady.class))
                .count();
        long attributes = customers.stream()
                .filter(c -> c.trace().has(AttributesReady.class))
                .count();
        long failed = customers.stream()
                .filter(c -> c.trace().has(PipelineFailed.class) || c.startError() != null)
                .count();
        int n = customers.size();
        return String.format(
                "LoginReceived %d/%d  KycReceived %d/%d  AccountsReady %d/%d  AttributesReady %d/%d  failed %d",
                login, n, kyc, webhook, accounts, n, attributes, n, failed);
    }
}
