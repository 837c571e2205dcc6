package dev.flinkspipeline.tools.demo;

import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import java.time.Duration;
import java.util.Optional;

/** One demo customer: how it entered the pipeline and what the pipeline made of it. */
public record DemoCustomer(
        int number,
        Flow flow,
        String loginId,
        long startedNanos,
        long callbackSentNanos,
        CustomerTrace trace,
        String startError) {

    /** The AccountsReady of this customer's own flow (a webhook customer's may be the poller's fallback). */
    public Optional<AccountsReady> accounts() {
        return accountsSeen().map(s -> (AccountsReady) s.event());
    }

    /** Where and when the watcher saw {@link #accounts()}. */
    public Optional<CustomerTrace.Seen> accountsSeen() {
        AccountsSource wanted = flow == Flow.WEBHOOK ? AccountsSource.WEBHOOK : AccountsSource.POLL;
        return trace.events().stream()
                .filter(s -> s.event() instanceof AccountsReady a && a.getSource() == wanted)
                .findFirst()
                .or(() -> trace.firstSeen(AccountsReady.class));
    }

    /** When the Connect callback was sent, in epoch milliseconds (from the first event seen: same clocks). */
    public Optional<Double> callbackSentEpochMillis() {
        if (startError != null) {
            return Optional.empty();
        }
        return trace.events().stream().findFirst().map(s -> s.epochMillisOf(callbackSentNanos));
    }

    public int accountCount() {
        return accounts().map(a -> a.getAccounts().size()).orElse(0);
    }

    public int transactionCount() {
        return accounts()
                .map(a -> a.getAccounts().stream()
                        .mapToInt(x -> x.getTransactions().size())
                        .sum())
                .orElse(0);
    }

    /** {@code AccountState} records accounts-streams wrote for this customer (one per account and snapshot). */
    public int accountStateCount() {
        return trace.all(AccountState.class).size();
    }

    /** {@code AccountTransaction} records accounts-streams wrote for this customer (each transaction once). */
    public int accountTransactionCount() {
        return trace.all(AccountTransaction.class).size();
    }

    /**
     * True once accounts-streams has written as many records as this customer's AccountsReady holds accounts
     * and transactions (or when there is no AccountsReady to split).
     */
    public boolean split() {
        return accounts().isEmpty()
                || accountStateCount() >= accountCount() && accountTransactionCount() >= transactionCount();
    }

    public int attributeCount() {
        return trace.first(AttributesReady.class)
                .map(a -> a.getAttributes().size())
                .orElse(0);
    }

    public boolean ready() {
        return startError == null && trace.has(AttributesReady.class);
    }

    /** Time from the demo starting this customer to the watcher seeing its AttributesReady. */
    public Optional<Duration> timeToAttributes() {
        return trace.firstSeen(AttributesReady.class)
                .map(s -> Duration.ofNanos(Math.max(0, s.seenAtNanos() - startedNanos)));
    }

    /**
     * Milliseconds from the Connect callback being sent to the watcher seeing this customer's first event of
     * {@code type}; negative when the event came first (a webhook may beat the browser's redirect).
     */
    public Optional<Double> callbackToSeen(Class<?> type) {
        if (startError != null) {
            return Optional.empty();
        }
        return trace.firstSeen(type).map(s -> (s.seenAtNanos() - callbackSentNanos) / 1e6);
    }

    public String outcome() {
        if (startError != null) {
            return "not started: " + startError;
        }
        Optional<PipelineFailed> failed = trace.first(PipelineFailed.class);
        if (trace.has(AttributesReady.class)) {
            return "AttributesReady";
        }
        if (failed.isPresent()) {
            PipelineFailed f = failed.get();
            return "PipelineFailed " + f.getStage() + (f.getFlinksCode() == null ? "" : " " + f.getFlinksCode());
        }
        return "stuck at " + trace.stage();
    }
}
