package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.CredentialsCircuitProbe;
import dev.flinkspipeline.testkit.spring.SandboxKeys;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Flinks refusing our own keys never fails a login: the sandbox switches the key it accepts during a run, the
 * service pauses its listeners and reports it (readiness, metric, one ERROR line naming the setting), and once
 * the key is restored every job reaches AttributesReady, none PipelineFailed, even past the retry budget the
 * jobs had. A login's own UNAUTHORIZED and a gateway refusing a single call do not open the circuit.
 */
class CredentialsCircuitTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration BUDGET = Duration.ofSeconds(4);

    static ServiceHarness harness;
    static CredentialsCircuitProbe circuit;
    static PipelineTopics topics;
    static SandboxAdminClient admin;
    /** Every log event of the running service (its logs go to a file in these tests). */
    static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start() {
        harness = AttributesService.harness(infra, "attributes-circuit")
                .with("attributes.retry.budget", BUDGET.toMillis() + "ms")
                .with("flinks.credentials-circuit.probe-interval", "200ms")
                .start();
        topics = AttributesService.topics(harness, infra);
        admin = harness.admin();
        circuit = new CredentialsCircuitProbe(harness.service());
        // After the start: Spring Boot configures logging anew when the application starts.
        logged.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logged);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void restore() {
        admin.restoreCredentials();
        admin.clearFaults();
        await().atMost(WAIT).until(() -> circuit.open() == 0);
    }

    @Test
    void aRotatedApiKeyPausesTheServiceWithoutFailingAnyoneEvenPastTheBudget() throws Exception {
        double openings = circuit.openings();
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CreatedLogin login = admin.createLogin(30); // GetAccountsDetail answers 202 for a while
            waiting.add(login.loginId());
            publishWebhookAccounts(login);
        }
        // Both jobs poll GetAccountsDetailAsync on their new session before the key changes.
        await().atMost(WAIT)
                .until(() -> waiting.stream()
                        .allMatch(id -> admin.callsOf(id).getOrDefault("GetAccountsDetailAsync", 0L) > 0));

        admin.credentials(null, SandboxKeys.ROTATED_API_KEY);
        List<String> arriving = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CreatedLogin login = admin.createLogin(0);
            arriving.add(login.loginId());
            publishWebhookAccounts(login);
        }

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 503);
        JsonNode credentials = new ObjectMapper()
                .readTree(circuit.readiness().body())
                .path("components")
                .path("flinksCredentials");
        assertThat(credentials.path("status").asText()).isEqualTo("DOWN");
        assertThat(credentials.path("details").path("check").toString()).contains("flinks.api-key / FLINKS_APIKEY");
        assertThat(circuit.open()).isEqualTo(1.0);
        assertThat(circuit.openings()).isEqualTo(openings + 1);
        await().atMost(WAIT).until(circuit::listenersPaused);
        assertThat(harness.service().get("/actuator/prometheus").body())
                .contains("flinks_credentials_circuit_open 1.0")
                .contains("flinks_credentials_circuit_openings_total{credential=\"api_key\"} 1.0");
        assertThat(errorLines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("Flinks refuses our api key: check flinks.api-key / FLINKS_APIKEY"));
        // Let the sessions finish aggregating, and the outage outlast the jobs' retry budget.
        admin.behaviour(waiting.get(0), Map.of("pendingPolls", 0));
        admin.behaviour(waiting.get(1), Map.of("pendingPolls", 0));
        Thread.sleep(BUDGET.plusSeconds(1).toMillis());
        List<String> all = new ArrayList<>(waiting);
        all.addAll(arriving);
        all.forEach(id -> assertThat(topics.attributesReadyOf(id)).isEmpty());
        assertThat(topics.pipelineFailed).noneMatch(f -> all.contains(f.getLoginId()));
        assertThat(harness.service().count("pipeline.job.retries", "reason", "CREDENTIALS"))
                .isPositive();

        admin.restoreCredentials();

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 200);
        assertThat(circuit.open()).isZero();
        assertEveryLoginGotAttributesReadyOnce(all);
        assertThat(harness.service().listenerContainers()).noneMatch(MessageListenerContainer::isPauseRequested);
        SandboxKeys.assertNoKeyIn(errorLines());
    }

    @Test
    void aRotatedSecretKeyHoldsNewJobsUntilItIsRestored() throws Exception {
        double openings = circuit.openings();
        admin.credentials(SandboxKeys.ROTATED_SECRET_KEY, null);
        List<String> arriving = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CreatedLogin login = admin.createLogin(0);
            arriving.add(login.loginId());
            publishWebhookAccounts(login);
        }

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 503);
        assertThat(circuit.openings()).isEqualTo(openings + 1);
        assertThat(errorLines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith("Flinks refuses our secret key: check flinks.secret-key / FLINKS_SECRETKEY"));

        admin.restoreCredentials();

        await().atMost(WAIT).until(() -> circuit.readiness().statusCode() == 200);
        assertEveryLoginGotAttributesReadyOnce(arriving);
        SandboxKeys.assertNoKeyIn(errorLines());
    }

    @Test
    void aLoginSOwnUnauthorizedFailsThatJobAsBeforeAndDoesNotOpenTheCircuit() {
        double openings = circuit.openings();
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(
                login.loginId(), JsonNodeFactory.instance.objectNode().put("accountsDetailFlinksCode", "UNAUTHORIZED"));
        publishWebhookAccounts(login);

        await().atMost(WAIT).until(() -> !topics.failuresOf(login.loginId()).isEmpty());
        PipelineFailed failed = topics.failuresOf(login.loginId()).get(0);

        assertThat(failed.getReason()).isEqualTo("FLINKS_ERROR");
        assertThat(failed.getFlinksCode()).isEqualTo("UNAUTHORIZED");
        assertThat(circuit.openings()).isEqualTo(openings);
        assertThat(circuit.open()).isZero();
    }

    @Test
    void aGatewayRefusingOneCallWhileOurKeysWorkIsRetried() {
        double openings = circuit.openings();
        CreatedLogin login = admin.createLogin(0);
        admin.fault(Map.of("endpoint", "Attributes", "unauthorizedShare", 1.0, "count", 1));
        publishWebhookAccounts(login);

        await().atMost(WAIT)
                .until(() -> !topics.attributesReadyOf(login.loginId()).isEmpty());
        assertThat(topics.failuresOf(login.loginId())).isEmpty();
        assertThat(circuit.openings()).isEqualTo(openings);
    }

    /** An AccountsReady of the webhook flow: the job opens a session of its own (token, Authorize, GAD). */
    private static void publishWebhookAccounts(CreatedLogin login) {
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600),
                login.accountIds()));
    }

    private static void assertEveryLoginGotAttributesReadyOnce(List<String> loginIds) throws InterruptedException {
        await().atMost(WAIT)
                .until(() -> loginIds.stream()
                        .allMatch(id -> !topics.attributesReadyOf(id).isEmpty()));
        Thread.sleep(300);
        loginIds.forEach(id -> {
            assertThat(topics.attributesReadyOf(id)).hasSize(1);
            assertThat(topics.failuresOf(id)).isEmpty();
        });
    }

    private static List<String> errorLines() {
        return logged.list.stream()
                .filter(e -> e.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
