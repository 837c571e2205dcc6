package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.SpringService;
import dev.flinkspipeline.testkit.spring.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Webhook-flow logins through a running poller (real broker, dev registry, Flinks sandbox): nothing is
 * polled while the webhook may still come; a login whose AccountsReady arrived gets no fallback; one whose
 * webhook never came gets exactly one fallback AccountsReady after the grace, also across a restart.
 */
class WebhookFlowTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Scenario scenario = new Scenario("webhook-flow");
    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final Duration WAIT = Duration.ofSeconds(40);

    private static FlinksSandbox sandbox;
    private static SandboxAdminClient admin;
    private static Map<String, Object> settings;
    private static AvroProducer feeder;
    private static TopicReader outcomes;

    @BeforeAll
    static void start() {
        scenario.create(infra);
        sandbox = FlinksSandbox.start(SandboxConfig.builder().pendingPolls(0).build());
        admin = new SandboxAdminClient(sandbox.baseUrl());
        settings = PollerSettings.of(infra, sandbox.baseUrl(), scenario);
        settings.put("poller.webhook-fallback.grace", GRACE.toMillis() + "ms");
        feeder = AvroProducer.to(infra);
        outcomes = TopicReader.avro(
                infra.bootstrapServers(), infra.schemaRegistryUrl(), scenario.accounts(), scenario.failures());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {outcomes, feeder, sandbox}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aWebhookLoginIsNotPolledAndAMissingWebhookGetsOneFallbackAcrossARestart() throws Exception {
        String missing = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        String arrived = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        String standard = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        Instant fedAt;
        try (ConfigurableApplicationContext poller = SpringService.run(PollerApplication.class, settings)) {
            fedAt = Instant.now();
            feeder.send(scenario.logins(), missing, Logins.login(missing, List.of(), FlinksFlow.WEBHOOK));
            feeder.send(scenario.logins(), arrived, Logins.login(arrived, List.of(), FlinksFlow.WEBHOOK));
            feeder.send(scenario.logins(), standard, Logins.login(standard, List.of(), FlinksFlow.STANDARD));
            // The webhook of one login comes (ingest writes it to accounts-ready).
            feeder.send(scenario.accounts(), arrived, webhookAccounts(arrived));
            // The standard login is fetched at once; the webhook logins are not touched.
            outcomes.until(r -> r.stream().anyMatch(x -> standard.equals(x.key())), WAIT);
            Thread.sleep(500);
            assertThat(admin.authorizeCalls(standard)).isEqualTo(1);
            assertThat(admin.authorizeCalls(missing)).isZero();
            assertThat(admin.authorizeCalls(arrived)).isZero();
            assertThat(Duration.between(fedAt, Instant.now())).isLessThan(GRACE);
        }
        // Restarted before the grace ended: the waits and the arrival were durable.
        try (ConfigurableApplicationContext poller = SpringService.run(PollerApplication.class, settings)) {
            ConsumerRecord<String, Object> record =
                    outcomes.until(r -> r.stream().anyMatch(x -> missing.equals(x.key())), WAIT).stream()
                            .filter(x -> missing.equals(x.key()))
                            .findFirst()
                            .orElseThrow();
            assertThat(Duration.between(fedAt, Instant.ofEpochMilli(record.timestamp())))
                    .isGreaterThanOrEqualTo(GRACE);
            AccountsReady fallback = (AccountsReady) record.value();
            assertThat(fallback.getFallback()).isTrue();
            assertThat(fallback.getSource()).isEqualTo(AccountsSource.POLL);
            assertThat(fallback.getEventId())
                    .isEqualTo(
                            EventIds.forSnapshot(missing, fallback.getLogin().getLastRefresh(), fallback.getRequestId())
                                    .toString());
            assertThat(fallback.getAccounts()).isNotEmpty();

            Thread.sleep(GRACE.toMillis() / 2 + 500);
            List<ConsumerRecord<String, Object>> all = outcomes.drain();
            assertThat(all).filteredOn(r -> missing.equals(r.key())).hasSize(1);
            // The login whose webhook came: only the webhook's AccountsReady, no Flinks call from the poller.
            assertThat(all)
                    .filteredOn(r -> arrived.equals(r.key()))
                    .hasSize(1)
                    .allSatisfy(r ->
                            assertThat(((AccountsReady) r.value()).getSource()).isEqualTo(AccountsSource.WEBHOOK));
            assertThat(admin.authorizeCalls(arrived)).isZero();
            assertThat(admin.authorizeCalls(missing)).isEqualTo(1);
            MeterRegistry metrics = poller.getBean(MeterRegistry.class);
            assertThat(metrics.get("pipeline.job.steps")
                            .tag("job", "webhook_wait")
                            .tag("outcome", "missing")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(metrics.get("pipeline.job.steps")
                            .tag("job", "webhook_wait")
                            .tag("outcome", "arrived")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        }
    }

    /** What ingest writes for a GetAccountsDetail webhook, as far as the poller cares. */
    private static AccountsReady webhookAccounts(String loginId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return AccountsReady.newBuilder()
                .setEventId(
                        EventIds.forSnapshot(loginId, now, "webhook-request").toString())
                .setLoginId(loginId)
                .setRequestId("webhook-request")
                .setSource(AccountsSource.WEBHOOK)
                .setLogin(Login.newBuilder().setId(loginId).setLastRefresh(now).build())
                .setAccounts(List.of())
                .setReceivedAt(now)
                .build();
    }
}
