package dev.flinkspipeline.tools.redrive;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The report of a re-drive: one line per failed login with its stage, reason, when it failed and what was
 * done. It prints loginIds and codes only: no names, emails, account numbers, tags or user references.
 */
final class RedriveTable {

    private RedriveTable() {}

    /**
     * @param failed why the write failed, per loginId (empty on a dry run)
     */
    static void print(List<RedriveDecision> decisions, boolean dryRun, Map<String, String> failed, PrintStream out) {
        out.printf("%-36s  %-10s  %-22s  %-24s  %s%n", "loginId", "stage", "reason", "failedAt", "action");
        for (RedriveDecision d : decisions) {
            FailedLogin f = d.failure();
            out.printf(
                    "%-36s  %-10s  %-22s  %-24s  %s%n",
                    f.loginId(),
                    f.stage(),
                    f.reason(),
                    f.failedAt().truncatedTo(ChronoUnit.MILLIS),
                    action(d, dryRun, failed.get(f.loginId())));
        }
        long redriven = decisions.stream().filter(RedriveDecision::redrives).count() - failed.size();
        long skipped = decisions.stream().filter(d -> !d.redrives()).count();
        out.printf(
                "%d failed login(s): %d %s, %d skipped%s%n",
                decisions.size(),
                redriven,
                dryRun ? "would be re-driven" : "re-driven",
                skipped,
                failed.isEmpty() ? "" : ", " + failed.size() + " could not be written");
    }

    static String action(RedriveDecision decision, boolean dryRun, String error) {
        if (decision.action() instanceof RedriveAction.Skip skip) {
            return "skipped: " + skip.why();
        }
        String what = decision.action() instanceof RedriveAction.SendLogin
                ? "LoginReceived (standard flow)"
                : "AccountsReady re-published";
        String again = decision.repeated() ? " (again: same id, deduplicated downstream)" : "";
        if (error != null) {
            return "FAILED to write " + what + ": " + error;
        }
        return (dryRun ? "would re-drive: " : "re-driven: ") + what + again;
    }
}
