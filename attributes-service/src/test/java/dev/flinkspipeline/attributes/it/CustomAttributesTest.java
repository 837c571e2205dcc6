package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.flinks.sandbox.data.AttributesCalculator;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A custom attribute selection (the POST endpoint) with an account filter built from the AccountsReady
 * accounts, and jobs that run out of their retry budget.
 */
class CustomAttributesTest {

    static final List<String> NAMES = List.of(
            "average_daily_balance_operations_90_days",
            "count_nsf_90_days",
            "is_employer_income_detected",
            "employer_income_frequency",
            "primary_account_id",
            "count_accounts");

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    static ServiceHarness harness;
    static PipelineTopics topics;
    static SandboxAdminClient admin;

    @BeforeAll
    static void start() {
        harness = AttributesService.harness(infra, "attributes-custom")
                .with("attributes.attribute-set", "Custom")
                .with("attributes.custom.attributes", String.join(",", NAMES))
                .with("attributes.custom.filter-accounts", "true")
                .with("attributes.custom.account-types", "Chequing,Savings")
                .with("attributes.custom.attributes-detail", "count_nsf_90_days")
                .with("attributes.retry.budget", "3s")
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

    @AfterEach
    void clearFaults() {
        admin.clearFaults();
    }

    @Test
    void aCustomSelectionFilteredByAccountTypeHasTheSandboxValues() throws Exception {
        CreatedLogin login = admin.createLogin(0);
        topics.publish(PipelineTopics.accountsReadyWith(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now(),
                login.accounts()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.attributesReadyOf(login.loginId()).isEmpty());
        AttributesReady ready = topics.attributesReadyOf(login.loginId()).get(0);
        assertThat(ready.getAttributeSet()).isEqualTo("Custom");

        List<String> filtered = login.accounts().stream()
                .filter(a -> "Chequing".equals(a.type()) || "Savings".equals(a.type()))
                .map(CreatedLogin.Account::id)
                .toList();
        assertThat(filtered).isNotEmpty().hasSizeLessThan(login.accounts().size() + 1);
        Map<String, Object> expected = new AttributesCalculator(
                        harness.sandbox().dataGenerator().generate(login.loginId()), filtered, null)
                .values(NAMES);
        ExpectedValues.assertSame(ready.getAttributes(), expected);

        JsonNode details = new ObjectMapper().readTree(ready.getDetails());
        assertThat(details.has("count_nsf_90_days")).isTrue();
    }

    @Test
    void anAccountFilterFlinksRejectsIsATerminalInvalidRequest() {
        CreatedLogin login = admin.createLogin(0);
        topics.publish(PipelineTopics.accountsReadyWith(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now(),
                List.of(new CreatedLogin.Account("no-such-account", "Chequing", "Operations"))));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.failuresOf(login.loginId()).isEmpty());
        PipelineFailed failed = topics.failuresOf(login.loginId()).get(0);
        assertThat(failed.getFlinksCode()).isEqualTo("INVALID_REQUEST");
        assertThat(failed.getHttpStatus()).isEqualTo(400);
        assertThat(failed.getAttempts()).isEqualTo(1);
    }

    @Test
    void flinksPendingBeyondTheBudgetEndsInAttributesTimeout() {
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(login.loginId(), Map.of("pendingForever", true));
        Instant published = Instant.now();
        topics.publish(PipelineTopics.accountsReadyWith(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now(),
                login.accounts()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.failuresOf(login.loginId()).isEmpty());
        PipelineFailed failed = topics.failuresOf(login.loginId()).get(0);
        assertThat(failed.getReason()).isEqualTo("ATTRIBUTES_TIMEOUT");
        assertThat(failed.getFlinksCode()).isEqualTo("OPERATION_PENDING");
        assertThat(failed.getAttempts()).isGreaterThan(3);
        assertThat(Duration.between(published, failed.getFailedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void transientFaultsBeyondTheBudgetEndInRetriesExhausted() {
        CreatedLogin login = admin.createLogin(0);
        admin.fault(Map.of("endpoint", "GenerateAuthorizeToken", "retryLaterShare", 1.0));
        topics.publish(PipelineTopics.accountsReadyWith(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                Instant.now(),
                login.accounts()));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.failuresOf(login.loginId()).isEmpty());
        PipelineFailed failed = topics.failuresOf(login.loginId()).get(0);
        assertThat(failed.getReason()).isEqualTo("RETRIES_EXHAUSTED");
        assertThat(failed.getFlinksCode()).isEqualTo("RETRY_LATER");
        assertThat(failed.getAttempts()).isGreaterThan(2);
    }
}
