package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.CredentialsCircuitProbe;
import dev.flinkspipeline.testkit.spring.SandboxKeys;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import dev.flinkspipeline.testkit.spring.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Flinks refusing our own keys never fails a login: the sandbox switches the key it accepts during a run,
 * the poller pauses its listeners and reports it (readiness, metric, one ERROR line naming the setting), and
 * once the key is restored every login reaches AccountsReady, none PipelineFailed, even past the deadline the
 * jobs had before the outage. A login's own UNAUTHORIZED and a gateway refusing a single call do not open the
 * circuit.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialsCircuitTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Scenario scenario = new Scenario("circuit");
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration DEADLINE = Duration.ofSeconds(4);

    private static ServiceHarness harness;
    static CredentialsCircuitProbe circuit;
    private static SandboxAdminClient admin;
    private static AvroProducer feeder;
    private static TopicReader outcomes;
    private static TopicReader polls;

    @BeforeAll
    static void start() {
        harness = PollerSettings.harness(
                        infra, scenario, SandboxConfig.builder().pendingPolls(0).build())
                .with("poller.max-poll-duration", DEADLINE.toMillis() + "ms")
                .with("flinks.request-timeout", "2s")
                .with("flinks.credentials-circuit.probe-interval", "200ms")
                .with("spring.main.web-application-type", "servlet")
                .with("server.port", "0")
                .start();
        admin = harness.admin();
        circuit = new CredentialsCircuitProbe(harness.service());
        feeder = harness.producer();
        outcomes = harness.reader(scenario.accounts(), scenario.failures());
        polls = harness.reader(scenario.polls());
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void restore() {
        admin.restoreCredentials();
        admin.clearFaults();
    }

    @Test
    void aRotatedApiKeyPausesThePollerWithoutFailingAnyoneEvenPastTheDeadline(CapturedOutput output) throws Exception {
        double openings = circuit.openings();
        List<String> polling = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String loginId = admin.createLogin(Map.of("pendingPolls", 10)).loginId();
            polling.add(loginId);
            feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));
        }
        // Every job is polling (GetAccountsDetail answered 202) before the key changes.
        polls.until(r -> polling.stream().allMatch(id -> r.stream().anyMatch(x -> id.equals(x.key()))), WAIT);

        admin.credentials(null, SandboxKeys.ROTATED_API_KEY);
        List<String> arriving = sendNewLogins(2);

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 503);
        assertThat(circuit.readiness().body()).contains("\"flinksCredentials\":{\"status\":\"DOWN\"");
        assertThat(circuit.open()).isEqualTo(1.0);
        assertThat(circuit.openings()).isEqualTo(openings + 1);
        await().atMost(WAIT).until(circuit::listenersPaused);
        assertThat(harness.service().get("/actuator/prometheus").body())
                .contains("flinks_credentials_circuit_open{application=\"poller-service\"} 1.0")
                .contains(
                        "flinks_credentials_circuit_openings_total{application=\"poller-service\",credential=\"api_key\"}");
        assertThat(output.getAll()).contains("Flinks refuses our api key: check flinks.api-key / FLINKS_APIKEY");
        // The outage outlasts the jobs' deadline: they still must not fail.
        Thread.sleep(DEADLINE.plusSeconds(1).toMillis());
        List<String> all = new ArrayList<>(polling);
        all.addAll(arriving);
        assertThat(outcomes.drain()).filteredOn(r -> all.contains(r.key())).isEmpty();
        assertThat(parkedSteps()).isPositive();

        admin.restoreCredentials();

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 200);
        assertThat(circuit.open()).isZero();
        assertEveryLoginGotAccountsReadyOnce(all);
        assertThat(harness.service().listenerContainers()).noneMatch(MessageListenerContainer::isPauseRequested);
        assertThat(output.getAll()).contains("credentials circuit closed");
        SandboxKeys.assertNoKeyIn(errorLines(output));
    }

    @Test
    void aRotatedSecretKeyHoldsNewLoginsUntilItIsRestored(CapturedOutput output) throws Exception {
        double openings = circuit.openings();
        admin.credentials(SandboxKeys.ROTATED_SECRET_KEY, null);
        List<String> arriving = sendNewLogins(3);

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 503);
        assertThat(circuit.openings()).isEqualTo(openings + 1);
        assertThat(output.getAll())
                .contains("Flinks refuses our secret key: check flinks.secret-key / FLINKS_SECRETKEY");
        assertThat(outcomes.drain()).filteredOn(r -> arriving.contains(r.key())).isEmpty();

        admin.restoreCredentials();

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 200);
        assertEveryLoginGotAccountsReadyOnce(arriving);
        SandboxKeys.assertNoKeyIn(errorLines(output));
    }

    @Test
    void aLoginSOwnUnauthorizedFailsThatLoginAsBeforeAndDoesNotOpenTheCircuit() {
        double openings = circuit.openings();
        String loginId = admin.createLogin(Map.of("accountsDetailFlinksCode", "UNAUTHORIZED"))
                .loginId();
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        PipelineFailed failed = (PipelineFailed) outcomeOf(loginId).value();

        assertThat(failed.getReason()).isEqualTo("FLINKS_ERROR");
        assertThat(failed.getFlinksCode()).isEqualTo("UNAUTHORIZED");
        assertThat(circuit.openings()).isEqualTo(openings);
        assertThat(circuit.open()).isZero();
    }

    @Test
    void aGatewayRefusingOneCallWhileOurKeysWorkIsRetried() {
        double openings = circuit.openings();
        String loginId = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
        admin.fault(Map.of(
                "endpoint", "GetAccountsDetail", "unauthorizedShare", 1.0, "unauthorizedStatus", 403, "count", 1));
        feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));

        assertThat(outcomeOf(loginId).value()).isInstanceOf(AccountsReady.class);
        assertThat(circuit.openings()).isEqualTo(openings);
    }

    private static List<String> sendNewLogins(int count) {
        List<String> loginIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String loginId = admin.createLogin(Map.of("pendingPolls", 1)).loginId();
            loginIds.add(loginId);
            feeder.send(scenario.logins(), loginId, Logins.login(loginId, List.of()));
        }
        return loginIds;
    }

    private static void assertEveryLoginGotAccountsReadyOnce(List<String> loginIds) throws InterruptedException {
        outcomes.until(r -> loginIds.stream().allMatch(id -> r.stream().anyMatch(x -> id.equals(x.key()))), WAIT);
        Thread.sleep(300);
        List<ConsumerRecord<String, Object>> written = outcomes.drain().stream()
                .filter(r -> loginIds.contains(r.key()))
                .toList();
        assertThat(written)
                .hasSize(loginIds.size())
                .allSatisfy(r -> assertThat(r.value()).isInstanceOf(AccountsReady.class));
    }

    private static double parkedSteps() {
        return harness.service().count("pipeline.job.steps", "job", "accounts", "outcome", "credentials");
    }

    private static ConsumerRecord<String, Object> outcomeOf(String loginId) {
        return outcomes.until(r -> r.stream().anyMatch(x -> loginId.equals(x.key())), WAIT).stream()
                .filter(x -> loginId.equals(x.key()))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> errorLines(CapturedOutput output) {
        return output.getAll().lines().filter(l -> l.contains("ERROR")).toList();
    }
}
