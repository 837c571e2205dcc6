package dev.flinkspipeline.tools.remap;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;

/** The report of a remap: one line per kept webhook, loginIds and codes only (never the body). */
final class RemapTable {

    private final PrintStream out;

    RemapTable(PrintStream out) {
        this.out = out;
    }

    void header() {
        out.printf("%-36s  %-18s  %-18s  %-24s  %s%n", "loginId", "reason", "ResponseType", "kept at", "answer");
    }

    void row(UnhandledWebhook webhook, String answer) {
        out.printf(
                "%-36s  %-18s  %-18s  %-24s  %s%n",
                webhook.loginId() == null ? "-" : webhook.loginId(),
                orDash(webhook.reason()),
                orDash(webhook.responseType()),
                webhook.at().truncatedTo(ChronoUnit.MILLIS),
                answer);
    }

    static String answer(WebhookReplayer.Answer answer) {
        return answer.status() == 0 ? answer.outcome() : answer.status() + " " + answer.outcome();
    }

    private static String orDash(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
