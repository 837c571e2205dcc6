package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributeValue;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Comparisons of the pipeline's events with the sandbox's own data. */
final class Chains {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Chains() {}

    /** The accounts, balances and transactions of an AccountsReady, exactly as the sandbox serves them. */
    static void assertSameAccounts(AccountsReady event, AccountsDetailResponse sandbox) {
        assertThat(event.getAccounts().stream().map(a -> a.getId().toString()).toList())
                .as("account ids of " + event.getLoginId())
                .containsExactlyInAnyOrderElementsOf(
                        sandbox.accounts().stream().map(a -> a.id()).toList());
        for (dev.flinkspipeline.flinks.client.model.Account expected : sandbox.accounts()) {
            Account actual = event.getAccounts().stream()
                    .filter(a -> a.getId().equals(expected.id()))
                    .findFirst()
                    .orElseThrow();
            String where = event.getLoginId() + " account " + expected.id();
            assertThat(actual.getTitle()).as(where + " title").isEqualTo(expected.title());
            assertThat(actual.getCurrency()).as(where + " currency").isEqualTo(expected.currency());
            if (expected.balance() != null) {
                assertThat(same(
                                actual.getBalance().getCurrent(),
                                expected.balance().current()))
                        .as(where + " current balance")
                        .isTrue();
                assertThat(same(
                                actual.getBalance().getAvailable(),
                                expected.balance().available()))
                        .as(where + " available balance")
                        .isTrue();
            }
            assertThat(actual.getTransactions().stream().map(Chains::line).toList())
                    .as(where + " transactions")
                    .containsExactlyElementsOf(
                            expected.transactions().stream().map(Chains::line).toList());
        }
    }

    /** Every attribute value of an AttributesReady equals what the sandbox computes for that login. */
    static void assertSameAttributes(AttributesReady event, AttributesResponse sandbox) {
        Map<String, JsonNode> card = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sandbox.card().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equalsIgnoreCase("Id")) {
                card.put(e.getKey(), e.getValue());
            }
        }
        assertThat(new TreeSet<>(event.getAttributes().keySet()))
                .as("attribute names of " + event.getLoginId())
                .isEqualTo(card.keySet());
        card.forEach((name, expected) -> {
            AttributeValue actual = event.getAttributes().get(name);
            String where = event.getLoginId() + " attribute " + name;
            switch (actual.getKind()) {
                case NULL -> assertThat(expected.isNull()).as(where).isTrue();
                case NUMBER ->
                    assertThat(new BigDecimal(actual.getNumber()))
                            .as(where)
                            .isEqualByComparingTo(expected.decimalValue());
                case STRING -> assertThat(actual.getText()).as(where).isEqualTo(expected.asText());
                case BOOLEAN -> assertThat(actual.getBool()).as(where).isEqualTo(expected.asBoolean());
                case OBJECT, ARRAY ->
                    assertThat(read(actual.getJson())).as(where).isEqualTo(expected);
            }
        });
    }

    /** The trace's events of {@code type}, each counted once per eventId (redeliveries share their eventId). */
    static <T> List<T> distinct(CustomerTrace trace, Class<T> type) {
        return trace.events().stream()
                .filter(s -> type.isInstance(s.event()))
                .filter(distinctBy(s -> s.eventId() != null ? s.eventId() : String.valueOf(s.offset())))
                .map(s -> type.cast(s.event()))
                .toList();
    }

    /**
     * What accounts-streams wrote for the login of {@code snapshot}, as a {@code read_committed} consumer sees it
     * (the watcher reads so): on flinks.account-state, the latest record of each account key names an account of
     * the snapshot, one key per account; on flinks.account-transactions, exactly the snapshot's transactions,
     * no eventId twice and no (account, transactionKey) twice. Waits for the records first, then a little
     * longer so that a late duplicate would show.
     */
    static void assertSplitOnce(PipelineWatcher watcher, AccountsReady snapshot, Duration timeout)
            throws InterruptedException {
        awaitSplit(watcher, snapshot, timeout);
        Thread.sleep(2_000);
        assertSplitOnce(watcher.trace(snapshot.getLoginId().toString()), snapshot);
    }

    /** Waits (at most {@code timeout}) until accounts-streams wrote as many records as {@code snapshot} calls for. */
    static void awaitSplit(PipelineWatcher watcher, AccountsReady snapshot, Duration timeout) {
        Map<String, Integer> expected = transactionsPerAccount(snapshot);
        int transactions =
                expected.values().stream().mapToInt(Integer::intValue).sum();
        watcher.await(
                snapshot.getLoginId().toString(),
                t -> latestStates(t).keySet().equals(expected.keySet())
                        && t.all(AccountTransaction.class).size() >= transactions,
                timeout);
    }

    /**
     * The checks of {@link #assertSplitOnce(PipelineWatcher, AccountsReady, Duration)} on a trace read once the
     * records had time to arrive (and a late duplicate time to show).
     */
    static void assertSplitOnce(CustomerTrace trace, AccountsReady snapshot) {
        String loginId = snapshot.getLoginId().toString();
        Map<String, Integer> expected = transactionsPerAccount(snapshot);
        int transactions =
                expected.values().stream().mapToInt(Integer::intValue).sum();
        String who = "login " + loginId;

        Map<String, AccountState> states = latestStates(trace);
        assertThat(states.keySet()).as(who + ": account-state keys").isEqualTo(expected.keySet());
        states.forEach((accountId, state) -> {
            assertThat(state.getLoginId().toString()).as(who).isEqualTo(loginId.toString());
            assertThat(state.getAccount().getId().toString()).as(who).isEqualTo(accountId);
            assertThat(state.getAccount().getTransactions())
                    .as(who + " account " + accountId + ": state without transactions")
                    .isEmpty();
            assertThat(state.getTransactionCount())
                    .as(who + " account " + accountId + ": transactionCount")
                    .isEqualTo(expected.get(accountId));
            assertThat(state.getSnapshotEventId().toString())
                    .as(who + " account " + accountId + ": snapshot")
                    .isEqualTo(snapshot.getEventId().toString());
        });

        // Every record read, not distinct ones: a transaction written twice must show twice.
        List<AccountTransaction> records = trace.all(AccountTransaction.class);
        assertThat(records).as(who + ": account-transactions records").hasSize(transactions);
        assertThat(records.stream().map(AccountTransaction::getEventId).toList())
                .as(who + ": account-transactions eventIds")
                .doesNotHaveDuplicates();
        assertThat(records.stream()
                        .map(r -> r.getAccountId() + "/" + r.getTransactionKey())
                        .toList())
                .as(who + ": (account, transactionKey)")
                .doesNotHaveDuplicates();
        assertThat(records.stream()
                        .collect(Collectors.groupingBy(r -> r.getAccountId().toString(), Collectors.counting())))
                .as(who + ": transactions per account")
                .isEqualTo(expected.entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
    }

    /** Account id -> number of transactions, of each account of {@code snapshot}. */
    private static Map<String, Integer> transactionsPerAccount(AccountsReady snapshot) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        snapshot.getAccounts()
                .forEach(a ->
                        expected.put(a.getId().toString(), a.getTransactions().size()));
        return expected;
    }

    /** The last AccountState the trace holds per account: what a reader of the compacted topic ends with. */
    private static Map<String, AccountState> latestStates(CustomerTrace trace) {
        Map<String, AccountState> latest = new LinkedHashMap<>();
        trace.all(AccountState.class).forEach(s -> latest.put(s.getAccountId().toString(), s));
        return latest;
    }

    private static <X> Predicate<X> distinctBy(Function<X, String> key) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return x -> seen.add(key.apply(x));
    }

    private static String line(Transaction t) {
        return String.join(
                "|",
                Objects.toString(t.getId()),
                Objects.toString(t.getDate()),
                Objects.toString(t.getDescription()),
                amount(t.getDebit()),
                amount(t.getCredit()),
                amount(t.getBalance()));
    }

    private static String line(dev.flinkspipeline.flinks.client.model.Transaction t) {
        return String.join(
                "|",
                Objects.toString(t.id()),
                Objects.toString(t.date()),
                Objects.toString(t.description()),
                amount(t.debit()),
                amount(t.credit()),
                amount(t.balance()));
    }

    private static String amount(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
