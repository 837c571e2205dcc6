package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.request.AttributesUseCase;
import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several customers through each flow at once, every service a separate process: each gets the whole
 * chain, with contents equal to the sandbox's data for its login, and accounts-streams' per-account records of
 * its snapshot (each transaction once); a disabled login ends in PipelineFailed.
 */
@Order(2)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS})
class BothFlowsIT {

    private static final Duration COMPLETION = Duration.ofSeconds(120);
    /** How long accounts-streams may take to split a snapshot once attributes are done with it. */
    private static final Duration SPLIT = Duration.ofSeconds(60);

    @Test
    void standardAndWebhookCustomersEachGetTheWholeChainWithTheSandboxsData() throws InterruptedException {
        Customers customers = new Customers(E2eStack.stack());
        PipelineWatcher watcher = E2eStack.watcher();
        List<Customers.Started> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(customers.start(Flow.STANDARD));
            started.add(customers.start(Flow.WEBHOOK));
        }

        for (Customers.Started customer : started) {
            CustomerTrace trace = watcher.await(
                    customer.loginId(), t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class), COMPLETION);
            assertChain(customer, trace);
        }
        // Before the checks below make calls of their own.
        for (Customers.Started customer : started) {
            assertFlinksCalls(customer, customers.admin().callsOf(customer.loginId()));
        }
        try (SandboxData sandbox = new SandboxData(E2eStack.stack().sandboxUrl())) {
            for (Customers.Started customer : started) {
                assertSameDataAsTheSandbox(customer, watcher.trace(customer.loginId()), sandbox);
            }
        }
        // accounts-streams: one account-state per account of the snapshot, each transaction once.
        for (Customers.Started customer : started) {
            Chains.assertSplitOnce(watcher, accountsOf(customer, watcher.trace(customer.loginId())), SPLIT);
        }
        assertThat(watcher.undecodable()).isEmpty();
    }

    @Test
    void aDisabledLoginEndsInPipelineFailedAndNothingElse() {
        Customers customers = new Customers(E2eStack.stack());
        Customers.Started customer = customers.start(Flow.STANDARD, Map.of("authorizeFlinksCode", "DISABLED_LOGIN"));

        CustomerTrace trace =
                E2eStack.watcher().await(customer.loginId(), t -> t.has(PipelineFailed.class), COMPLETION);

        assertThat(trace.has(LoginReceived.class)).as("LoginReceived").isTrue();
        PipelineFailed failed = trace.first(PipelineFailed.class)
                .orElseThrow(() -> new AssertionError("no PipelineFailed for a disabled login; saw " + trace.events()));
        assertThat(failed.getFlinksCode()).isEqualTo("DISABLED_LOGIN");
        assertThat(Chains.distinct(trace, PipelineFailed.class)).hasSize(1);
        assertThat(trace.has(AccountsReady.class)).isFalse();
        assertThat(trace.has(AttributesReady.class)).isFalse();
        assertThat(trace.has(AccountState.class)).isFalse();
        assertThat(trace.has(AccountTransaction.class)).isFalse();
    }

    /** The customer's AccountsReady of its own flow. */
    private static AccountsReady accountsOf(Customers.Started customer, CustomerTrace trace) {
        AccountsSource source = customer.flow() == Flow.WEBHOOK ? AccountsSource.WEBHOOK : AccountsSource.POLL;
        return trace.all(AccountsReady.class).stream()
                .filter(a -> a.getSource() == source)
                .findFirst()
                .orElseThrow();
    }

    private static void assertChain(Customers.Started customer, CustomerTrace trace) {
        String who = customer.flow().label() + " customer " + customer.loginId() + ", saw "
                + trace.events().stream()
                        .map(s -> s.event().getClass().getSimpleName())
                        .toList();
        assertThat(trace.has(PipelineFailed.class))
                .as(who + ": PipelineFailed " + trace.first(PipelineFailed.class))
                .isFalse();
        LoginReceived login =
                trace.first(LoginReceived.class).orElseThrow(() -> new AssertionError(who + ": no LoginReceived"));
        assertThat(login.getInstitution()).isEqualTo("FlinksCapital");
        assertThat(login.getUserReference()).isEqualTo(customer.userReference());
        assertThat(login.getAccountIds()).containsExactlyInAnyOrderElementsOf(customer.accountIds());

        AccountsSource source = customer.flow() == Flow.WEBHOOK ? AccountsSource.WEBHOOK : AccountsSource.POLL;
        AccountsReady accounts = trace.all(AccountsReady.class).stream()
                .filter(a -> a.getSource() == source)
                .findFirst()
                .orElseThrow(() -> new AssertionError(who + ": no AccountsReady(" + source + ")"));
        if (source == AccountsSource.POLL) {
            // The poller carries LoginReceived's time forward: this AccountsReady was caused by that LoginReceived.
            assertThat(accounts.getLoginReceivedAt()).as(who).isEqualTo(login.getReceivedAt());
        } else {
            assertThat(trace.has(KycReceived.class)).as(who + ": KycReceived").isTrue();
        }
        List<AttributesReady> attributes = Chains.distinct(trace, AttributesReady.class);
        assertThat(attributes).as(who + ": one AttributesReady").hasSize(1);
        assertThat(attributes.get(0).getComputedAt())
                .as(who)
                .isAfterOrEqualTo(trace.all(AccountsReady.class).stream()
                        .map(AccountsReady::getReceivedAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow());
        assertThat(Chains.distinct(trace, AccountsReady.class).stream().filter(a -> a.getSource() == source))
                .as(who + ": one AccountsReady(" + source + ")")
                .hasSize(1);
    }

    /**
     * Exactly the calls each flow needs. Standard: the poller's one session (Authorize, GetAccountsDetail,
     * Async while the sandbox answers 202), reused by attributes (no second Authorize). Webhook: nothing
     * from the poller; attributes' own session (Authorize, GetAccountsDetail, Async while 202, Attributes).
     */
    static void assertFlinksCalls(Customers.Started customer, Map<String, Long> calls) {
        String who = customer.flow().label() + " customer " + customer.loginId() + ", calls " + calls;
        assertThat(calls.keySet())
                .as(who)
                .isSubsetOf("Authorize", "GetAccountsDetail", "GetAccountsDetailAsync", "Attributes");
        assertThat(calls.get("Authorize")).as(who + ": one session").isEqualTo(1L);
        assertThat(calls.get("GetAccountsDetail")).as(who).isEqualTo(1L);
        assertThat(calls.get("Attributes")).as(who).isEqualTo(1L);
        assertThat(calls.getOrDefault("GetAccountsDetailAsync", 0L))
                .as(who + ": polls only while 202")
                .isLessThanOrEqualTo(E2eStack.PENDING_POLLS);
    }

    private static void assertSameDataAsTheSandbox(
            Customers.Started customer, CustomerTrace trace, SandboxData sandbox) {
        AccountsSource source = customer.flow() == Flow.WEBHOOK ? AccountsSource.WEBHOOK : AccountsSource.POLL;
        AccountsReady accounts = trace.all(AccountsReady.class).stream()
                .filter(a -> a.getSource() == source)
                .findFirst()
                .orElseThrow();
        String requestId = sandbox.authorize(customer.loginId());
        AccountsDetailResponse expected = sandbox.accountsDetail(requestId, DaysOfTransactions.Days90);
        Chains.assertSameAccounts(accounts, expected);

        if (customer.flow() == Flow.WEBHOOK) {
            KycReceived kyc = trace.first(KycReceived.class).orElseThrow();
            assertThat(kyc.getHolders().stream()
                            .map(h -> h.getName().toString())
                            .distinct()
                            .toList())
                    .as("KYC holders of " + customer.loginId())
                    .containsExactlyInAnyOrderElementsOf(expected.accounts().stream()
                            .filter(a -> a.holder() != null)
                            .map(a -> a.holder().name())
                            .distinct()
                            .toList());
        }

        AttributesReady attributes = trace.first(AttributesReady.class).orElseThrow();
        Chains.assertSameAttributes(
                attributes, sandbox.attributes(customer.loginId(), requestId, useCase(attributes.getAttributeSet())));
    }

    /** {@code UserAnalysis} → USER_ANALYSIS. */
    static AttributesUseCase useCase(String attributeSet) {
        String wanted = attributeSet.replace("_", "").toLowerCase(Locale.ROOT);
        for (AttributesUseCase useCase : AttributesUseCase.values()) {
            if (useCase.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted)) {
                return useCase;
            }
        }
        throw new AssertionError("attribute set " + attributeSet + " is not a use case of the client");
    }
}
