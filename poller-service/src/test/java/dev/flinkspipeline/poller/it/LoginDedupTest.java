package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import dev.flinkspipeline.testkit.spring.SpringService;
import dev.flinkspipeline.testkit.spring.TopicReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A LoginReceived delivered twice (ingest emits the same eventId for the Connect callback and the relayed
 * redirect event) starts one job only, also when the second copy arrives after the poller restarted.
 */
class LoginDedupTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Scenario scenario = new Scenario("dedup");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ServiceHarness harness;
    private static SandboxAdminClient admin;
    private static AvroProducer feeder;
    private static TopicReader outcomes;

    @BeforeAll
    static void start() {
        harness = PollerSettings.harness(
                        infra, scenario, SandboxConfig.builder().pendingPolls(0).build())
                .with("poller.topics.logins-seen", scenario.name() + ".logins-seen")
                .start();
        admin = harness.admin();
        feeder = harness.producer();
        outcomes = harness.reader(scenario.accounts(), scenario.failures());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theSameLoginReceivedTwiceGivesOneAccountsReady() {
        double before = duplicates();
        String loginId = admin.createLogin(0).loginId();
        LoginReceived login = Logins.login(loginId, List.of());

        feeder.send(scenario.logins(), loginId, login);
        feeder.send(scenario.logins(), loginId, login);

        awaitOutcome(loginId);
        waitFor(() -> duplicates() >= before + 1);
        assertThat(outcomes.drain())
                .filteredOn(r -> loginId.equals(r.key()))
                .hasSize(1)
                .allMatch(r -> r.value() instanceof AccountsReady);
        assertThat(admin.authorizeCalls(loginId)).isEqualTo(1);
    }

    @Test
    void aCopyArrivingAfterARestartIsStillADuplicate() {
        String loginId = admin.createLogin(0).loginId();
        LoginReceived login = Logins.login(loginId, List.of());
        feeder.send(scenario.logins(), loginId, login);
        awaitOutcome(loginId);

        harness.service().restart();
        feeder.send(scenario.logins(), loginId, login);

        // The restarted instance counts from zero: its one duplicate is this copy.
        waitFor(() -> duplicates() >= 1);
        assertThat(outcomes.drain()).filteredOn(r -> loginId.equals(r.key())).hasSize(1);
        assertThat(admin.authorizeCalls(loginId)).isEqualTo(1);
    }

    @Test
    void aLedgerWithFewerPartitionsThanLoginReceivedStopsTheStartWhenTopicsAreNotManaged() {
        Scenario short_ = new Scenario("ledger-short").create(infra);
        infra.createTopic(short_.name() + ".logins-seen", 1, Map.of("cleanup.policy", "compact,delete"));
        Map<String, Object> shortSettings =
                PollerSettings.of(infra, harness.sandbox().baseUrl(), short_);
        shortSettings.put("poller.topics.logins-seen", short_.name() + ".logins-seen");
        shortSettings.put("pipeline.job.topics.create", "false");

        assertThatThrownBy(() -> SpringService.run(PollerApplication.class, shortSettings)
                        .close())
                .hasStackTraceContaining(
                        short_.name() + ".logins-seen has 1 partitions but " + short_.logins() + " has 3");
    }

    @Test
    void aLedgerWithFewerPartitionsThanLoginReceivedGetsTheMissingOnesWhenTopicsAreManaged() throws Exception {
        Scenario grown = new Scenario("ledger-grown").create(infra);
        String ledger = grown.name() + ".logins-seen";
        infra.createTopic(ledger, 1, Map.of("cleanup.policy", "compact,delete"));
        Map<String, Object> grownSettings =
                PollerSettings.of(infra, harness.sandbox().baseUrl(), grown);
        grownSettings.put("poller.topics.logins-seen", ledger);
        grownSettings.put("pipeline.job.topics.partitions", "1"); // what it would create: less than login-received

        try (ConfigurableApplicationContext started = SpringService.run(PollerApplication.class, grownSettings);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(ledger))
                            .allTopicNames()
                            .get()
                            .get(ledger)
                            .partitions())
                    .hasSize(3);
        }
    }

    private static void awaitOutcome(String loginId) {
        List<ConsumerRecord<String, Object>> read =
                outcomes.until(r -> r.stream().anyMatch(x -> loginId.equals(x.key())), WAIT);
        assertThat(read).isNotEmpty();
    }

    private static void waitFor(BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + WAIT);
            }
            outcomes.records(); // polls for 100 ms: the wait between checks
        }
    }

    private static double duplicates() {
        Counter counter = harness.context()
                .getBean(MeterRegistry.class)
                .find("pipeline.job.duplicates")
                .tag("job", "accounts")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
