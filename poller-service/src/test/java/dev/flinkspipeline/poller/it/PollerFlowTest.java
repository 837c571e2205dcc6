package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.service.kafka.JobListener;
import dev.flinkspipeline.service.kafka.JobListeners;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import dev.flinkspipeline.testkit.spring.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standard flow through one running poller, against a real broker, the dev registry and the Flinks
 * sandbox, with time compressed (poll every 200 ms, deadline after 5 s).
 */
class PollerFlowTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Scenario scenario = new Scenario("flow");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private static ServiceHarness harness;
    private static SandboxAdminClient admin;
    private static AvroProducer feeder;
    private static TopicReader outcomes;
    private static TopicReader polls;
    private static TopicReader deadLetters;

    @BeforeAll
    static void start() {
        harness = PollerSettings.harness(
                        infra, scenario, SandboxConfig.builder().pendingPolls(0).build())
                .with("poller.max-poll-duration", DEADLINE.toMillis() + "ms")
                .with("flinks.request-timeout", "1s")
                .with("flinks.accounts-detail-timeout", "1s")
                .with("spring.main.web-application-type", "servlet")
                .with("server.port", "0")
                .with("spring.kafka.consumer.fetch-max-wait", "150ms")
                .with("spring.kafka.consumer.max-poll-records", "321")
                .start();
        admin = harness.admin();
        feeder = harness.producer();
        outcomes = harness.reader(scenario.accounts(), scenario.failures());
        polls = harness.reader(scenario.polls());
        deadLetters = harness.rawReader(Topics.dlt(scenario.logins()), Topics.dlt(scenario.polls()));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void clearFaults() {
        admin.clearFaults();
    }

    @Test
    void accountsAtOnceWhenFlinksAnswers200() {
        var created = admin.createLogin(Map.of("pendingPolls", 0));
        String loginId = created.loginId();
        String chosenAccount = created.accountIds().get(0);
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of(chosenAccount)));

        ConsumerRecord<String, Object> record = outcomeOf(loginId);
        AccountsReady ready = (AccountsReady) record.value();
        assertThat(ready.getSource()).isEqualTo(AccountsSource.POLL);
        assertThat(ready.getLoginId()).isEqualTo(loginId);
        assertThat(ready.getRequestId()).isNotBlank();
        assertThat(ready.getRequestIdLastUsedAt()).isNotNull().isBeforeOrEqualTo(ready.getReceivedAt());
        assertThat(ready.getEventId())
                .isEqualTo(EventIds.forSnapshot(loginId, ready.getLogin().getLastRefresh(), ready.getRequestId())
                        .toString());
        assertThat(ready.getFallback()).isFalse();
        assertThat(ready.getTag()).isEqualTo("tag-" + loginId);
        assertThat(ready.getLoginReceivedAt()).isNotNull();
        // The account chosen in Connect is the only one asked for, with identity, KYC and transactions.
        assertThat(ready.getAccounts()).extracting(a -> a.getId()).containsExactly(chosenAccount);
        assertThat(ready.getAccounts().get(0).getHolder()).isNotNull();
        assertThat(ready.getAccounts().get(0).getTransitNumber()).isNotNull();
        assertThat(ready.getAccounts().get(0).getTransactions()).isNotEmpty();
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(ready.getEventId());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.flinkspipeline.AccountsReady");
        assertThat(pollsOf(loginId)).isEmpty();
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void pendingForKPollsThenAccounts() {
        String loginId = admin.createLogin(Map.of("pendingPolls", 3)).loginId();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        AccountsReady ready = (AccountsReady) outcomeOf(loginId).value();
        assertThat(ready.getAccounts()).hasSizeGreaterThanOrEqualTo(2); // no filter: every account
        List<PollScheduled> scheduled = pollsOf(loginId);
        // GetAccountsDetail answered 202, then Async twice more: polls 1, 2 and 3, each 200 ms after the last.
        assertThat(scheduled).extracting(PollScheduled::getAttempt).containsExactly(1, 2, 3);
        assertThat(scheduled).allSatisfy(p -> assertThat(p.getRequestId()).isEqualTo(ready.getRequestId()));
        for (int i = 1; i < scheduled.size(); i++) {
            assertThat(scheduled.get(i).getDueAt())
                    .isAfterOrEqualTo(scheduled.get(i - 1).getDueAt().plusMillis(200));
        }
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void pendingForeverFailsWithPollTimeoutAtTheDeadlineAndNotBefore() {
        String loginId = admin.createLogin(Map.of("pendingForever", true)).loginId();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        PipelineFailed failed = (PipelineFailed) outcomeOf(loginId).value();
        assertThat(failed.getReason()).isEqualTo("POLL_TIMEOUT");
        assertThat(failed.getFlinksCode()).isEqualTo("OPERATION_PENDING");
        assertThat(failed.getStage()).isEqualTo(FailureStage.POLL);
        assertThat(failed.getFlow()).isEqualTo("STANDARD");
        List<PollScheduled> scheduled = pollsOf(loginId);
        Instant deadline = scheduled.get(0).getDeadline();
        assertThat(deadline).isEqualTo(scheduled.get(0).getFirstRequestedAt().plus(DEADLINE));
        assertThat(failed.getFailedAt()).isAfterOrEqualTo(deadline);
        // No poll was scheduled after the deadline (the last one is capped to it, unless the answer to
        // the one before already arrived after the deadline).
        assertThat(scheduled).allSatisfy(p -> assertThat(p.getDueAt()).isBeforeOrEqualTo(deadline));
        assertThat(scheduled).hasSizeGreaterThan(5);
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void transientFaultsAreRetriedWithBackoffUntilAccountsArrive() {
        String loginId = admin.createLogin(Map.of("pendingPolls", 2)).loginId();
        admin.fault(Map.of(
                "endpoint", "GenerateAuthorizeToken", "serverErrorShare", 1.0, "serverErrorStatus", 503, "count", 1));
        admin.fault(Map.of("endpoint", "Authorize", "retryLaterShare", 1.0, "count", 2));
        admin.fault(Map.of(
                "endpoint",
                "GetAccountsDetail",
                "tooManyRequestsShare",
                1.0,
                "tooManyRequestsStatus",
                429,
                "count",
                1));
        admin.fault(Map.of("endpoint", "GetAccountsDetailAsync", "latencyMs", 1200, "count", 1));
        double retriesBefore = retries();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        AccountsReady ready = (AccountsReady) outcomeOf(loginId).value();
        assertThat(ready.getLoginId()).isEqualTo(loginId);
        List<PollScheduled> scheduled = pollsOf(loginId);
        assertThat(scheduled).extracting(PollScheduled::getRetries).contains(1, 2);
        // 1 token 503, 2 RETRY_LATER, 1 TOO_MANY_REQUESTS (429), 1 timeout.
        assertThat(retries() - retriesBefore).isGreaterThanOrEqualTo(5);
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void aSyncAccountsCallPastItsTimeoutIsPolledWithAsyncOnTheSameRequestIdNotResent() {
        String loginId = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
        admin.fault(Map.of("endpoint", "GetAccountsDetail", "latencyMs", 3000, "count", 1));
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        AccountsReady ready = (AccountsReady) outcomeOf(loginId).value();
        List<PollScheduled> scheduled = pollsOf(loginId);
        assertThat(scheduled).isNotEmpty().allSatisfy(p -> {
            assertThat(p.getRequestId()).isEqualTo(ready.getRequestId());
            assertThat(p.getRetries()).isZero();
        });
        Map<String, Long> calls = admin.callsOf(loginId);
        assertThat(calls).containsEntry("Authorize", 1L).containsEntry("GetAccountsDetail", 1L);
        assertThat(calls.get("GetAccountsDetailAsync")).isGreaterThanOrEqualTo(1L);
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void tooManyRequestsInIts401FormAndGarbageBodiesAreRetried() {
        String loginId = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
        admin.fault(Map.of(
                "endpoint",
                "GetAccountsDetail",
                "tooManyRequestsShare",
                1.0,
                "tooManyRequestsStatus",
                401,
                "count",
                2));
        admin.fault(Map.of("endpoint", "GetAccountsDetailAsync", "malformedShare", 1.0, "count", 2));
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        assertThat(outcomeOf(loginId).value()).isInstanceOf(AccountsReady.class);
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void terminalFlinksCodesFailTheJobWithTheCode() {
        Map<String, String> authorizeCodes = Map.of(
                "INVALID_LOGIN",
                        admin.createLogin(Map.of("authorizeFlinksCode", "INVALID_LOGIN"))
                                .loginId(),
                "DISABLED_LOGIN",
                        admin.createLogin(Map.of("authorizeFlinksCode", "DISABLED_LOGIN"))
                                .loginId(),
                "UNAUTHORIZED",
                        admin.createLogin(Map.of("authorizeFlinksCode", "UNAUTHORIZED"))
                                .loginId(),
                "NEW_ACCOUNT",
                        admin.createLogin(Map.of("authorizeFlinksCode", "NEW_ACCOUNT"))
                                .loginId());
        Map<String, String> accountsCodes = Map.of(
                "DISABLED_INSTITUTION",
                        admin.createLogin(Map.of("accountsDetailFlinksCode", "DISABLED_INSTITUTION"))
                                .loginId(),
                "INVALID_REQUEST",
                        admin.createLogin(Map.of("accountsDetailFlinksCode", "INVALID_REQUEST"))
                                .loginId());
        String unknownLogin = UUID.randomUUID().toString();
        List<String> all = new ArrayList<>(authorizeCodes.values());
        all.addAll(accountsCodes.values());
        all.add(unknownLogin);
        all.forEach(loginId -> feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of())));

        authorizeCodes.forEach((code, loginId) -> {
            PipelineFailed failed = (PipelineFailed) outcomeOf(loginId).value();
            assertThat(failed.getReason()).isEqualTo("FLINKS_ERROR");
            assertThat(failed.getFlinksCode()).isEqualTo(code);
            assertThat(failed.getStage()).isEqualTo(FailureStage.ACCOUNTS);
            assertThat(failed.getRequestId()).isNull();
        });
        accountsCodes.forEach((code, loginId) -> {
            PipelineFailed failed = (PipelineFailed) outcomeOf(loginId).value();
            assertThat(failed.getFlinksCode()).isEqualTo(code);
            assertThat(failed.getRequestId()).isNotNull();
        });
        PipelineFailed unknown = (PipelineFailed) outcomeOf(unknownLogin).value();
        assertThat(unknown.getFlinksCode()).isEqualTo("INVALID_LOGIN");
        all.forEach(this::assertExactlyOneOutcome);
    }

    @Test
    void mfaOnACachedAuthorizeFailsWithMfaRequired() {
        String loginId = admin.createLogin(Map.of("mfaOnCachedAuthorize", true)).loginId();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        PipelineFailed failed = (PipelineFailed) outcomeOf(loginId).value();
        assertThat(failed.getReason()).isEqualTo("MFA_REQUIRED");
        assertThat(failed.getHttpStatus()).isEqualTo(203);
        assertExactlyOneOutcome(loginId);
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicsAndThePartitionsKeepFlowing() {
        String first = admin.createLogin(Map.of("pendingPolls", 0)).loginId();
        String second = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        // Same key as the valid record after it: same partition, so the poison is in its way.
        feeder.sendRaw(scenario.logins(), first, garbage);
        feeder.send(scenario.logins(), first, Logins.login(first, List.of()));
        feeder.sendRaw(scenario.polls(), second, garbage);
        // A scheduled job written by hand (no session yet), behind the poison on the same partition.
        Instant now = Instant.now();
        feeder.send(
                scenario.polls(),
                second,
                PollScheduled.newBuilder()
                        .setEventId("hand-written")
                        .setLoginId(second)
                        .setRequestId("")
                        .setAttempt(0)
                        .setDueAt(now)
                        .setDeadline(now.plusSeconds(60))
                        .setFirstRequestedAt(now)
                        .build());
        // A record of the wrong type on the poll topic is not a job either.
        feeder.sendRaw(scenario.polls(), second, feeder.serialize(scenario.logins(), Logins.login(second, List.of())));

        assertThat(outcomeOf(first).value()).isInstanceOf(AccountsReady.class);
        assertThat(outcomeOf(second).value()).isInstanceOf(AccountsReady.class);
        List<ConsumerRecord<String, Object>> letters = deadLetters.until(r -> r.size() >= 3, WAIT);
        assertThat(letters)
                .filteredOn(r -> r.topic().equals(Topics.dlt(scenario.logins())))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.key()).isEqualTo(first);
                    assertThat((byte[]) r.value()).isEqualTo(garbage);
                    assertThat(header(r, DeadLetters.REASON_HEADER)).startsWith("DeserializationException");
                });
        assertThat(letters)
                .filteredOn(r -> r.topic().equals(Topics.dlt(scenario.polls())))
                .hasSize(2)
                .anySatisfy(r -> assertThat((byte[]) r.value()).isEqualTo(garbage))
                .anySatisfy(
                        r -> assertThat(header(r, DeadLetters.REASON_HEADER)).contains("expected a PollScheduled"));
        assertExactlyOneOutcome(first);
        assertExactlyOneOutcome(second);
    }

    @Test
    void healthAndPrometheusMetricsAreServed() throws Exception {
        HttpResponse<String> readiness = harness.service().get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("kafka");
        HttpResponse<String> liveness = harness.service().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);

        String loginId = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));
        outcomeOf(loginId);
        HttpResponse<String> prometheus = harness.service().get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("pipeline_jobs_pending")
                .contains("pipeline_job_steps_total")
                .contains("pipeline_job_duration_seconds")
                .contains("pipeline_job_lateness_seconds")
                .contains("pipeline_job_batch_steps_seconds_count{")
                .contains("pipeline_job_batch_commit_seconds_count{")
                .contains("flinks_client_requests_seconds_count{")
                .contains("endpoint=\"GetAccountsDetailAsync\"");
    }

    @Test
    void theListenersConsumersAreBuiltWithTheConfiguredConsumerSettings() {
        // A container factory's own kafkaConsumerProperties never reach its containers: the settings must be
        // in the consumer factory the containers create their consumers with.
        Map<String, Object> config = harness.context()
                .getBean(JobListeners.class)
                .consumerConfig(harness.context().getBean("loginReceivedListener", JobListener.class));
        assertThat(config.get(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG)).hasToString("150");
        assertThat(config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)).hasToString("321");
        assertThat(config.get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG))
                .hasToString(CooperativeStickyAssignor.class.getName());
        assertThat(config.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).hasToString("read_committed");
    }

    private static double retries() {
        return harness.context().getBean(MeterRegistry.class).find("pipeline.job.retries").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static ConsumerRecord<String, Object> outcomeOf(String loginId) {
        return outcomes.until(r -> r.stream().anyMatch(x -> loginId.equals(x.key())), WAIT).stream()
                .filter(x -> loginId.equals(x.key()))
                .findFirst()
                .orElseThrow();
    }

    private static List<PollScheduled> pollsOf(String loginId) {
        return polls.values(PollScheduled.class).stream()
                .filter(p -> p.getLoginId().equals(loginId))
                .toList();
    }

    /** One outcome, and still one a little later (no second outcome arrives behind it). */
    private void assertExactlyOneOutcome(String loginId) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(outcomes.drain()).filteredOn(r -> loginId.equals(r.key())).hasSize(1);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
