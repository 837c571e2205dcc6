package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.attributes.events.JobRecords;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An instance stopped while a job waits for its next attempt, and a new one started on the same Kafka
 * state: the job completes, exactly once, and snapshots taken on before the restart are still recognised.
 * Also the operational surface: readiness and Prometheus metrics over HTTP.
 */
class AttributesRestartTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    static ServiceHarness harness;
    static PipelineTopics topics;
    static SandboxAdminClient admin;

    @BeforeAll
    static void start() {
        harness = AttributesService.harness(infra, "attributes-restart")
                .with("attributes.retry.budget", "60s")
                .start();
        topics = AttributesService.topics(harness, infra);
        admin = harness.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRestartMidRetryCompletesTheJobOnceAndKeepsTheDeduplication() {
        // A job done before the restart: its snapshot must still count as taken on afterwards.
        CreatedLogin done = admin.createLogin(0);
        Instant doneRefresh = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        AccountsReady doneEvent = PipelineTopics.accountsReady(
                done.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                doneRefresh,
                done.accountIds());
        topics.publish(doneEvent);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.attributesReadyOf(done.loginId()).size() == 1);

        // A job waiting: Flinks answers 202 to GetAccountsDetail until told otherwise.
        CreatedLogin waiting = admin.createLogin(0);
        admin.behaviour(waiting.loginId(), Map.of("pendingForever", true));
        long asyncBefore = admin.calls("GetAccountsDetailAsync");
        topics.publish(PipelineTopics.accountsReady(
                waiting.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now().minusSeconds(60),
                waiting.accountIds()));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.calls("GetAccountsDetailAsync") - asyncBefore >= 2);

        harness.service().stop();
        admin.behaviour(waiting.loginId(), Map.of("pendingForever", false, "pendingPolls", 0));
        harness.service().start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.attributesReadyOf(waiting.loginId()).size() == 1);
        assertThat(topics.failuresOf(waiting.loginId())).isEmpty();
        // The job continued on the session it had opened before the restart.
        assertThat(admin.authorizeCalls(waiting.loginId())).isEqualTo(1);

        // The same snapshot again, after the restart: recognised, not fetched.
        long attributesCalls = admin.calls("Attributes");
        topics.publish(doneEvent);
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.service().count("pipeline.job.duplicates") >= 1);
        assertThat(topics.attributesReadyOf(done.loginId())).hasSize(1);
        assertThat(admin.calls("Attributes")).isEqualTo(attributesCalls);
        assertThat(admin.authorizeCalls(done.loginId())).isEqualTo(1);

        // Nothing emitted twice across the restart.
        assertThat(topics.attributesReady.stream()
                        .map(a -> a.getEventId())
                        .distinct()
                        .count())
                .isEqualTo(topics.attributesReady.size());
    }

    @Test
    void aJobDueLaterDoesNotHoldBackAJobDueNowInTheSamePartition() {
        CreatedLogin later = admin.createLogin(0);
        CreatedLogin now = admin.createLogin(0);
        Instant start = Instant.now();
        double requeuedBefore = harness.service().count("pipeline.job.requeued");
        // Written straight to the scheduled-retry topic, as the service itself would, in one partition:
        // the job due in 8 s first, then the one due at once.
        topics.publishTo(
                "flinks-attributes.attributes-scheduled",
                0,
                later.loginId(),
                JobRecords.toRecord(authorizeJob(later.loginId(), start), start.plusSeconds(8)));
        topics.publishTo(
                "flinks-attributes.attributes-scheduled",
                0,
                now.loginId(),
                JobRecords.toRecord(authorizeJob(now.loginId(), start), start));

        await().atMost(Duration.ofSeconds(6))
                .until(() -> topics.attributesReadyOf(now.loginId()).size() == 1);
        assertThat(topics.attributesReadyOf(later.loginId())).isEmpty();
        assertThat(harness.service().count("pipeline.job.requeued") - requeuedBefore)
                .isGreaterThanOrEqualTo(1);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.attributesReadyOf(later.loginId()).size() == 1);
        assertThat(topics.attributesReadyOf(later.loginId()).get(0).getComputedAt())
                .isAfterOrEqualTo(start.plusSeconds(8));
    }

    private static Job authorizeJob(String loginId, Instant now) {
        return Job.start(
                loginId,
                UUID.randomUUID().toString(),
                Job.WEBHOOK,
                null,
                "UserAnalysis",
                List.of(),
                false,
                null,
                now,
                now.plusSeconds(60));
    }

    @Test
    void readinessAndPrometheusMetricsAreServed() throws Exception {
        HttpResponse<String> readiness = harness.service().get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(readiness.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").has("kafka")).isTrue();

        HttpResponse<String> liveness = harness.service().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);

        CreatedLogin login = admin.createLogin(0);
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now(),
                login.accountIds()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.attributesReadyOf(login.loginId()).size() == 1);

        String metrics = harness.service().get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains(
                        "pipeline_job_steps_total",
                        "pipeline_jobs_started_total",
                        "pipeline_job_lateness_seconds",
                        "flinks_client_requests_seconds",
                        "flinks_budget_in_flight",
                        "pipeline_job_ledger_keys{");
    }
}
