package dev.flinkspipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.tools.demo.CustomerTrace;
import dev.flinkspipeline.tools.demo.Flow;
import dev.flinkspipeline.tools.demo.IngestClient;
import dev.flinkspipeline.tools.demo.IngestRoutes;
import dev.flinkspipeline.tools.demo.PipelineWatcher;
import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.Instance;
import dev.flinkspipeline.tools.stack.LocalSecrets;
import dev.flinkspipeline.tools.stack.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of every service (ingest, poller, attributes, accounts-streams), as {@code deploy/local/run
 * --instances 2} runs them: the shared stack's first instances plus a second of each on its own port, log, state
 * folder and transactional ids. Customers of both flows arrive at a steady rate, spread over both ingest
 * instances; a third of the way in, one instance of each service is SIGKILLed. Every customer still gets exactly
 * one AttributesReady (read_committed, counted per eventId) and accounts-streams' records of its snapshot once.
 */
@Order(9)
@ExtendWith(E2eStack.class)
@RequiresParts({Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS})
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SeveralInstancesIT {

    private static final List<Component> SERVICES =
            List.of(Component.INGEST, Component.POLLER, Component.ATTRIBUTES, Component.STREAMS);
    private static final int CUSTOMERS = 32;
    /** Two customers a second: a modest rate that keeps several of them in flight at the kill. */
    private static final long START_EVERY_MILLIS = 500;
    /** The kill comes after this many customers, once the pipeline demonstrably flows through both instances. */
    private static final int KILL_AFTER = 12;
    /**
     * For everyone to complete: the killed instances' partitions move to the survivors once the group expires
     * them (session timeout, 45 s), their open transactions are aborted (transaction timeout, 30 s), and webhooks
     * aimed at the killed ingest are replaced by the poller's fallback (30 s grace): about a minute of stall.
     */
    private static final Duration COMPLETION = Duration.ofMinutes(4);

    private static final Duration SPLIT = Duration.ofSeconds(90);

    @Test
    void everyCustomerReachesAttributesReadyOnceWhenOneInstanceOfEachServiceIsKilledMidDemo()
            throws InterruptedException {
        LocalStack stack = E2eStack.stack();
        PipelineWatcher watcher = E2eStack.watcher();
        List<Instance> seconds = SERVICES.stream().map(c -> new Instance(c, 2)).toList();
        long began = System.nanoTime();
        stack.start(seconds);
        log("second instances up in %.0f s", seconds(began));
        try {
            List<Customers.Started> started = drive(stack, watcher, seconds);
            log("%d customers started by %.0f s", started.size(), seconds(began));
            assertEveryCustomerCompletesOnce(watcher, started);
            log("checked by %.0f s", seconds(began));
        } finally {
            // The shared stack goes on as the other tests know it: one instance of each.
            seconds.forEach(stack::stop);
        }
    }

    /** Starts the customers, routed over the live ingest instances, and kills the second instances on the way. */
    private static List<Customers.Started> drive(LocalStack stack, PipelineWatcher watcher, List<Instance> seconds)
            throws InterruptedException {
        SandboxAdminClient admin = new SandboxAdminClient(stack.sandboxUrl());
        Map<String, IngestClient> clients = new HashMap<>();
        List<Customers.Started> started = new ArrayList<>();
        Map<String, Integer> callbacksPerIngest = new HashMap<>();
        long start = System.nanoTime();
        for (int number = 1; number <= CUSTOMERS; number++) {
            sleepUntil(start + TimeUnit.MILLISECONDS.toNanos(START_EVERY_MILLIS * (number - 1)));
            // As a load balancer does: only instances that are up get customers.
            List<IngestClient> live = stack.ingestUrls().stream()
                    .map(url -> clients.computeIfAbsent(url, u -> new IngestClient(u, LocalSecrets.APP_API_KEY)))
                    .toList();
            IngestRoutes.Route route = new IngestRoutes(live).route(number);
            Flow flow = number % 2 == 1 ? Flow.STANDARD : Flow.WEBHOOK;
            started.add(new Customers(admin, route.session(), route.callback()).start(flow));
            callbacksPerIngest.merge(route.callback().webhookUrl(), 1, Integer::sum);
            if (number == KILL_AFTER) {
                assertThat(callbacksPerIngest)
                        .as("callbacks and webhooks per ingest instance")
                        .hasSize(2);
                awaitFirstAttributes(watcher, started);
                for (Instance instance : seconds) {
                    stack.kill(instance);
                }
                log("killed %s after customer %d", seconds, number);
                start = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(START_EVERY_MILLIS * number);
            }
        }
        for (Instance instance : seconds) {
            assertThat(stack.isRunning(instance)).as(instance + " stays dead").isFalse();
        }
        return started;
    }

    /** The kill must hit a pipeline in motion: some customer already through, the others in flight. */
    private static void awaitFirstAttributes(PipelineWatcher watcher, List<Customers.Started> started)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (started.stream().noneMatch(c -> watcher.trace(c.loginId()).has(AttributesReady.class))) {
            assertThat(System.nanoTime())
                    .as("a first AttributesReady within 90 s")
                    .isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
        long through = started.stream()
                .filter(c -> watcher.trace(c.loginId()).has(AttributesReady.class))
                .count();
        log("%d of %d customers through at the kill", through, started.size());
    }

    private static void assertEveryCustomerCompletesOnce(PipelineWatcher watcher, List<Customers.Started> started)
            throws InterruptedException {
        long deadline = System.nanoTime() + COMPLETION.toNanos();
        for (Customers.Started customer : started) {
            watcher.await(
                    customer.loginId(),
                    t -> t.has(AttributesReady.class) || t.has(PipelineFailed.class),
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        // accounts-streams' records of each customer's snapshot; a customer with two snapshots (a webhook that
        // came through besides the poller's fallback) has no single expected split and is left out of this check.
        Map<Customers.Started, AccountsReady> snapshots = new HashMap<>();
        for (Customers.Started customer : started) {
            List<AccountsReady> accounts = Chains.distinct(watcher.trace(customer.loginId()), AccountsReady.class);
            if (accounts.size() == 1) {
                snapshots.put(customer, accounts.get(0));
                Chains.awaitSplit(watcher, accounts.get(0), SPLIT);
            }
        }
        // Time for a late duplicate (a killed instance's batch redone by its successor) to show.
        TimeUnit.SECONDS.sleep(3);

        SoftAssertions softly = new SoftAssertions();
        for (Customers.Started customer : started) {
            CustomerTrace trace = watcher.trace(customer.loginId());
            String who = customer.flow().label() + " customer " + customer.loginId() + ", saw "
                    + trace.events().stream()
                            .map(s -> s.event().getClass().getSimpleName())
                            .toList();
            softly.assertThat(trace.first(PipelineFailed.class)).as(who).isEmpty();
            softly.assertThat(Chains.distinct(trace, AttributesReady.class))
                    .as("one AttributesReady for " + who)
                    .hasSize(1);
            List<AccountsReady> accounts = Chains.distinct(trace, AccountsReady.class);
            softly.assertThat(accounts).as("an AccountsReady for " + who).isNotEmpty();
            softly.assertThat(accounts.stream()
                            .collect(Collectors.groupingBy(AccountsReady::getSource, Collectors.counting())))
                    .as("at most one AccountsReady per source for " + who)
                    .allSatisfy((source, count) -> assertThat(count).isEqualTo(1L));
            AccountsReady snapshot = snapshots.get(customer);
            if (snapshot != null) {
                softly.check(() -> Chains.assertSplitOnce(trace, snapshot));
            }
        }
        log("%d of %d customers with one snapshot (split checked)", snapshots.size(), started.size());
        softly.assertThat(watcher.undecodable()).isEmpty();
        softly.assertAll();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.println("[several instances] " + String.format(format, args));
    }
}
