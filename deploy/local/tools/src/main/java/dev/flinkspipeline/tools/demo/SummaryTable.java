package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.schemas.Topics;
import java.io.PrintStream;
import java.util.List;

/** The demo's closing table: one row per customer. */
final class SummaryTable {

    private SummaryTable() {}

    static void print(List<DemoCustomer> customers, PrintStream out) {
        // The # column as wide as the largest customer number, so rows stay aligned past 99.
        int width = Math.max(2, String.valueOf(customers.size()).length());
        String format = "  %" + width + "s  %-8s  %-36s  %8s  %12s  %10s  %13s  %12s  %-34s  %s%n";
        out.printf(
                format,
                "#",
                "flow",
                "loginId",
                "accounts",
                "transactions",
                "attributes",
                "account-state",
                "account-txns",
                "outcome",
                "to AttributesReady");
        for (DemoCustomer c : customers) {
            out.printf(
                    format,
                    c.number(),
                    c.flow().label(),
                    c.loginId() == null ? "-" : c.loginId(),
                    c.accountCount(),
                    c.transactionCount(),
                    c.attributeCount(),
                    c.accountStateCount(),
                    c.accountTransactionCount(),
                    truncate(c.outcome(), 34),
                    c.timeToAttributes()
                            .map(d -> String.format("%.1f s", d.toMillis() / 1000.0))
                            .orElse("-"));
        }
        for (DemoCustomer c : customers) {
            if (c.startError() != null) {
                out.printf("  customer %d was not started: %s%n", c.number(), c.startError());
            }
        }
        out.printf(
                "  account-state, account-txns: records accounts-streams wrote to %s and %s.%n",
                Topics.ACCOUNT_STATE, Topics.ACCOUNT_TRANSACTIONS);
        long ready = customers.stream().filter(DemoCustomer::ready).count();
        out.printf("%n  %d of %d customers reached AttributesReady.%n", ready, customers.size());
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "~";
    }
}
