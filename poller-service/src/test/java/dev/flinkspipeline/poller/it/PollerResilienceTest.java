package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.ForkedService;
import dev.flinkspipeline.testkit.spring.SpringService;
import dev.flinkspipeline.testkit.spring.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sessions that expire, an instance killed while jobs are pending, and two instances sharing the work:
 * every job still ends with exactly one outcome, as read by a read_committed consumer.
 */
class PollerResilienceTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static FlinksSandbox sandbox;
    private static SandboxAdminClient admin;
    private static AvroProducer feeder;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().build());
        admin = new SandboxAdminClient(sandbox.baseUrl());
        feeder = AvroProducer.to(infra);
    }

    @AfterAll
    static void stop() {
        feeder.close();
        sandbox.close();
    }

    @Test
    void anExpiredRequestIdIsReplacedByANewSessionAndPollingGoesOn() throws Exception {
        Scenario scenario = new Scenario("expiry").create(infra);
        // Sessions here live 700 ms; the login stays pending for 5 answers, polled every 300 ms.
        try (FlinksSandbox shortSessions = FlinksSandbox.start(SandboxConfig.builder()
                .requestIdMaxLifetime(Duration.ofMillis(700))
                .build())) {
            Map<String, Object> settings = PollerSettings.of(infra, shortSessions.baseUrl(), scenario);
            settings.put("poller.poll-interval", "300ms");
            try (ConfigurableApplicationContext poller = SpringService.run(PollerApplication.class, settings);
                    TopicReader outcomes = TopicReader.avro(
                            infra.bootstrapServers(),
                            infra.schemaRegistryUrl(),
                            scenario.accounts(),
                            scenario.failures());
                    TopicReader polls =
                            TopicReader.avro(infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.polls())) {
                SandboxAdminClient shortAdmin = new SandboxAdminClient(shortSessions.baseUrl());
                String loginId =
                        shortAdmin.createLogin(Map.of("pendingPolls", 5)).loginId();
                feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

                List<ConsumerRecord<String, Object>> done = outcomes.until(r -> !r.isEmpty(), WAIT);
                assertThat(done).hasSize(1);
                AccountsReady ready = (AccountsReady) done.get(0).value();
                List<PollScheduled> scheduled = polls.values(PollScheduled.class);
                // Polling went on across sessions: the accounts come from a later session than the first.
                assertThat(scheduled)
                        .extracting(PollScheduled::getReauthorizations)
                        .contains(0);
                assertThat(scheduled.get(0).getRequestId()).isNotEqualTo(ready.getRequestId());
                assertThat(shortAdmin.authorizeCalls(loginId)).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aKilledInstanceLosesNothingAndItsSuccessorFinishesEveryJobExactlyOnce() throws Exception {
        Scenario scenario = new Scenario("crash").create(infra);
        Map<String, Object> settings = PollerSettings.of(infra, sandbox.baseUrl(), scenario);
        settings.put("poller.poll-interval", "300ms");
        // The successor takes over the same transactional ids: the victim's open transactions are
        // aborted at once instead of after their timeout.
        settings.put("pipeline.kafka.transaction-id-prefix", "crash-poller-");
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            logins.add(admin.createLogin(Map.of("pendingPolls", 8)).loginId());
        }
        Path log = Path.of("target", "crash-victim.log");
        try (ForkedService victim = ForkedService.start(PollerApplication.class, settings, log);
                TopicReader outcomes = TopicReader.avro(
                        infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.accounts(), scenario.failures());
                TopicReader polls =
                        TopicReader.avro(infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.polls())) {
            logins.forEach(id -> feeder.send(scenario.logins(), id, Logins.login(id, List.of())));
            // Kill it mid-way: every job has started polling, none is finished.
            polls.until(r -> r.size() >= 250, WAIT);
            int finishedBeforeKill = outcomes.drain().size();
            victim.kill();
            assertThat(finishedBeforeKill).isLessThan(100);

            try (ConfigurableApplicationContext successor = SpringService.run(PollerApplication.class, settings)) {
                List<ConsumerRecord<String, Object>> done = outcomes.until(r -> keys(r).size() >= 100, WAIT);
                Thread.sleep(1000); // anything duplicated would be committed by now
                done = outcomes.drain();
                Map<String, Long> perLogin =
                        done.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
                assertThat(perLogin.keySet()).containsExactlyInAnyOrderElementsOf(logins);
                assertThat(perLogin.values()).allMatch(n -> n == 1);
                assertThat(done).allSatisfy(r -> assertThat(r.value()).isInstanceOf(AccountsReady.class));
                // Every committed step happened once: no PollScheduled event id twice.
                List<String> ids = polls.values(PollScheduled.class).stream()
                        .map(PollScheduled::getEventId)
                        .toList();
                assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
            }
        }
    }

    @Test
    void twoInstancesShareTheJobsThroughARebalance() throws Exception {
        Scenario scenario = new Scenario("share").create(infra);
        Map<String, Object> first = PollerSettings.of(infra, sandbox.baseUrl(), scenario);
        first.put("pipeline.kafka.transaction-id-prefix", "share-a-");
        Map<String, Object> second = PollerSettings.of(infra, sandbox.baseUrl(), scenario);
        second.put("pipeline.kafka.transaction-id-prefix", "share-b-");
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // Pending until B has taken its share, however long the rebalance takes.
            logins.add(admin.createLogin(Map.of("pendingForever", true)).loginId());
        }
        try (ConfigurableApplicationContext a = SpringService.run(PollerApplication.class, first);
                TopicReader outcomes = TopicReader.avro(
                        infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.accounts(), scenario.failures());
                TopicReader polls =
                        TopicReader.avro(infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.polls())) {
            logins.forEach(id -> feeder.send(scenario.logins(), id, Logins.login(id, List.of())));
            polls.until(r -> r.size() >= 60, WAIT);
            double stepsOfABeforeB = steps(a);
            try (ConfigurableApplicationContext b = SpringService.run(PollerApplication.class, second)) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (steps(b) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                logins.forEach(id -> admin.behaviour(id, Map.of("pendingForever", false, "pendingPolls", 0)));
                List<ConsumerRecord<String, Object>> done = outcomes.until(r -> keys(r).size() >= 60, WAIT);
                Thread.sleep(1000);
                done = outcomes.drain();
                assertThat(done).hasSize(60);
                assertThat(keys(done)).containsExactlyInAnyOrderElementsOf(logins);
                assertThat(done).allSatisfy(r -> assertThat(r.value()).isInstanceOf(AccountsReady.class));
                assertThat(steps(a)).isGreaterThan(stepsOfABeforeB);
                assertThat(steps(b)).isPositive();
            }
        }
    }

    private static Set<String> keys(List<ConsumerRecord<String, Object>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static double steps(ConfigurableApplicationContext poller) {
        return poller.getBean(MeterRegistry.class).find("pipeline.job.steps").tag("job", "accounts").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
