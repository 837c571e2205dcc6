package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The poller SIGKILLed while customers are mid-poll (their jobs live in Kafka, in PollScheduled), and
 * more customers arriving while it is down: after a restart every one of them completes, once.
 */
@Order(3)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES})
class PollerCrashIT {

    @Test
    void everyPendingCustomerCompletesOnceAfterThePollerIsKilledAndRestarted() {
        LocalStack stack = E2eStack.stack();
        PipelineWatcher watcher = E2eStack.watcher();
        Customers customers = new Customers(stack);
        // Several 202s each, so that their jobs are still pending when the poller dies.
        Map<String, Object> slow = Map.of("pendingPolls", 4);
        List<Customers.Started> pending = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pending.add(customers.start(Flow.STANDARD, slow));
        }
        for (Customers.Started customer : pending) {
            CustomerTrace trace =
                    watcher.await(customer.loginId(), t -> t.has(PollScheduled.class), Duration.ofSeconds(60));
            assertThat(trace.has(PollScheduled.class))
                    .as("a poll is scheduled for " + customer.loginId())
                    .isTrue();
        }
        assertThat(pending)
                .allMatch(
                        c -> !watcher.trace(c.loginId()).has(AccountsReady.class),
                        "still pending when the poller is killed");

        stack.kill(Component.POLLER);
        for (int i = 0; i < 2; i++) {
            pending.add(customers.start(Flow.STANDARD, slow)); // LoginReceived with no poller running
        }
        stack.start(Component.POLLER);

        for (Customers.Started customer : pending) {
            CustomerTrace trace = watcher.await(
                    customer.loginId(),
                    t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class),
                    Duration.ofSeconds(120));
            String who = customer.loginId() + ", saw "
                    + trace.events().stream()
                            .map(s -> s.event().getClass().getSimpleName())
                            .toList();
            assertThat(trace.has(PipelineFailed.class)).as(who).isFalse();
            assertThat(Chains.distinct(trace, AccountsReady.class).stream()
                            .filter(a -> a.getSource() == AccountsSource.POLL))
                    .as("one AccountsReady(POLL) for " + who)
                    .hasSize(1);
            assertThat(Chains.distinct(trace, AttributesReady.class))
                    .as("one AttributesReady for " + who)
                    .hasSize(1);
        }
    }
}
