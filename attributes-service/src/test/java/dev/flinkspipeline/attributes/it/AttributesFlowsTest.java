package dev.flinkspipeline.attributes.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.flinks.client.FlinksResult;
import dev.flinkspipeline.flinks.client.model.AuthorizeResponse;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.AuthorizeRequest;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.admin.client.SandboxAdminClient;
import dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.service.kafka.DeadLetters;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The service end to end in one JVM: a real KRaft broker, the dev schema registry, the Flinks sandbox over
 * HTTP and the Spring Boot application itself. Each test publishes AccountsReady as the poller or the
 * ingest service would, and checks what the service wrote and what reached the sandbox.
 */
class AttributesFlowsTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    static ServiceHarness harness;
    static PipelineTopics topics;
    static SandboxAdminClient admin;
    static FlinksClient poller;

    @BeforeAll
    static void start() {
        harness = AttributesService.harness(infra, "attributes-flows").start();
        topics = AttributesService.topics(harness, infra);
        admin = harness.admin();
        poller = FlinksClient.create(FlinksClientConfig.builder()
                .baseUrl(harness.sandbox().baseUrl())
                .customerId(SandboxConfig.TOOLBOX_CUSTOMER_ID)
                .secretKey(SandboxConfig.TOOLBOX_SECRET_KEY)
                .apiKey(SandboxConfig.TOOLBOX_API_KEY)
                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (poller != null) {
            poller.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @AfterEach
    void clearFaults() {
        admin.clearFaults();
    }

    /** What the poller does before AccountsReady(POLL): a cached session whose GetAccountsDetail ran. */
    private static String pollerSession(String loginId) {
        AuthorizeToken token = poller.generateAuthorizeToken().join().dataOrNull();
        FlinksResult<AuthorizeResponse> auth =
                poller.authorize(AuthorizeRequest.cached(token, loginId)).join();
        String requestId = auth.dataOrNull().requestId();
        assertThat(poller.getAccountsDetail(AccountsDetailRequest.of(requestId))
                        .join()
                        .isData())
                .isTrue();
        return requestId;
    }

    private static Instant lastRefresh() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).minusSeconds(3600);
    }

    private static AttributesReady awaitAttributes(String loginId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.attributesReadyOf(loginId).isEmpty());
        return topics.attributesReadyOf(loginId).get(0);
    }

    private static PipelineFailed awaitFailure(String loginId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !topics.failuresOf(loginId).isEmpty());
        return topics.failuresOf(loginId).get(0);
    }

    private static Map<String, Object> expectedUserAnalysis(String loginId) {
        List<String> names = AttributeCatalog.USE_CASES.get("GetUserAnalysisAttributes");
        Map<String, Object> all = harness.sandbox().expectedAttributes(loginId);
        return names.stream().collect(Collectors.toMap(n -> n, all::get, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void eachListenerConsumesInTheConfiguredGroupWithItsSuffix() throws Exception {
        // spring.kafka.consumer.group-id is "attributes-flows" here (AttributesService.harness).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(admin.listGroups().all().get())
                            .extracting(GroupListing::groupId)
                            .contains("attributes-flows-accounts-ready", "attributes-flows-scheduled")
                            .doesNotContain("attributes-accounts-ready", "attributes-scheduled"));
        }
    }

    @Test
    void standardFlowReusesTheLiveRequestIdWithoutAnotherAuthorize() {
        CreatedLogin login = admin.createLogin(0);
        String requestId = pollerSession(login.loginId());
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(1);

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(), requestId, AccountsSource.POLL, Instant.now(), lastRefresh(), login.accountIds()));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isTrue();
        assertThat(ready.getRequestId()).isEqualTo(requestId);
        assertThat(ready.getAttributeSet()).isEqualTo("UserAnalysis");
        assertThat(admin.authorizeCalls(login.loginId()))
                .as("Authorize calls that reached the sandbox")
                .isEqualTo(1);
        // Every value is exactly what the sandbox computed from the login's data.
        ExpectedValues.assertSame(ready.getAttributes(), expectedUserAnalysis(login.loginId()));
        assertThat(harness.service().count("pipeline.jobs.started", "path", "reuse"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void webhookFlowOpensItsOwnSession() {
        CreatedLogin login = admin.createLogin(0);
        String webhookRequestId = UUID.randomUUID().toString();

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                webhookRequestId,
                AccountsSource.WEBHOOK,
                Instant.now(),
                lastRefresh(),
                login.accountIds()));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isFalse();
        assertThat(ready.getRequestId()).isNotEqualTo(webhookRequestId);
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(1);
        ExpectedValues.assertSame(ready.getAttributes(), expectedUserAnalysis(login.loginId()));
    }

    @Test
    void aStaleRequestIdIsNotReusedTheServiceReauthorizes() {
        CreatedLogin login = admin.createLogin(0);
        String requestId = pollerSession(login.loginId());

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                requestId,
                AccountsSource.POLL,
                Instant.now().minus(Duration.ofMinutes(7)),
                lastRefresh(),
                login.accountIds()));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isFalse();
        assertThat(ready.getRequestId()).isNotEqualTo(requestId);
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(2);
    }

    @Test
    void anExpiredSessionOnTheReusePathFallsBackToReauthorizeOnce() {
        CreatedLogin login = admin.createLogin(0);
        String unknownToFlinks = UUID.randomUUID().toString();

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                unknownToFlinks,
                AccountsSource.POLL,
                Instant.now(),
                lastRefresh(),
                login.accountIds()));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isFalse();
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(1);
        assertThat(harness.service().count("pipeline.job.steps", "path", "reauthorize"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void accountsDetail202IsPolledLaterThen200() {
        CreatedLogin login = admin.createLogin(3);
        long asyncBefore = admin.calls("GetAccountsDetailAsync");

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds()));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isFalse();
        assertThat(admin.calls("GetAccountsDetailAsync") - asyncBefore).isGreaterThanOrEqualTo(2);
        assertThat(harness.service().count("pipeline.job.retries", "reason", "PENDING"))
                .isGreaterThanOrEqualTo(3);
        ExpectedValues.assertSame(ready.getAttributes(), expectedUserAnalysis(login.loginId()));
    }

    @Test
    void transientFaultsAreRetriedUntilSuccess() {
        CreatedLogin login = admin.createLogin(0);
        String requestId = pollerSession(login.loginId());
        admin.fault(JsonNodeFactory.instance
                .objectNode()
                .put("endpoint", "Attributes")
                .put("serverErrorShare", 1.0)
                .put("serverErrorStatus", 503)
                .put("count", 1));
        long attributesCalls = admin.calls("Attributes");

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(), requestId, AccountsSource.POLL, Instant.now(), lastRefresh(), login.accountIds()));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.calls("Attributes") > attributesCalls);
        admin.fault(JsonNodeFactory.instance
                .objectNode()
                .put("endpoint", "Attributes")
                .put("retryLaterShare", 1.0)
                .put("count", 1));
        admin.fault(JsonNodeFactory.instance
                .objectNode()
                .put("endpoint", "*")
                .put("tooManyRequestsShare", 1.0)
                .put("tooManyRequestsStatus", 429)
                .put("count", 1));

        AttributesReady ready = awaitAttributes(login.loginId());
        assertThat(ready.getRequestIdReused()).isTrue();
        assertThat(admin.calls("Attributes") - attributesCalls).isGreaterThanOrEqualTo(2);
        assertThat(harness.service().count("pipeline.job.retries", "reason", "FAULT"))
                .isGreaterThanOrEqualTo(1);
        assertThat(topics.failuresOf(login.loginId())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVALID_LOGIN", "DISABLED_LOGIN", "NEW_ACCOUNT", "UNAUTHORIZED", "INVALID_REQUEST"})
    void terminalCodesFailTheJobAtOnce(String code) {
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(login.loginId(), JsonNodeFactory.instance.objectNode().put("authorizeFlinksCode", code));

        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds()));

        PipelineFailed failed = awaitFailure(login.loginId());
        assertThat(failed.getStage()).isEqualTo(FailureStage.ATTRIBUTES);
        assertThat(failed.getFlinksCode()).isEqualTo(code);
        assertThat(failed.getReason()).isEqualTo("FLINKS_ERROR");
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getFlow()).isEqualTo("WEBHOOK");
        assertThat(topics.attributesReadyOf(login.loginId())).isEmpty();
    }

    @Test
    void aTerminalCodeOfGetAccountsDetailAndAnUnknownLoginFailToo() {
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(
                login.loginId(),
                JsonNodeFactory.instance.objectNode().put("accountsDetailFlinksCode", "DISABLED_LOGIN"));
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds()));
        assertThat(awaitFailure(login.loginId()).getFlinksCode()).isEqualTo("DISABLED_LOGIN");

        String unknown = UUID.randomUUID().toString();
        topics.publish(PipelineTopics.accountsReady(
                unknown, UUID.randomUUID().toString(), AccountsSource.WEBHOOK, null, lastRefresh(), List.of()));
        assertThat(awaitFailure(unknown).getFlinksCode()).isEqualTo("INVALID_LOGIN");
    }

    @Test
    void mfaOnACachedAuthorizeIsReportedAsSuch() {
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(login.loginId(), JsonNodeFactory.instance.objectNode().put("mfaOnCachedAuthorize", true));
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds()));
        PipelineFailed failed = awaitFailure(login.loginId());
        assertThat(failed.getReason()).isEqualTo("MFA_REQUIRED");
        assertThat(failed.getHttpStatus()).isEqualTo(203);
    }

    @Test
    void theSameSnapshotFromBothFlowsAndRedeliveredIsFetchedOnce() {
        CreatedLogin login = admin.createLogin(0);
        String requestId = pollerSession(login.loginId());
        Instant refresh = lastRefresh();
        double duplicatesBefore = harness.service().count("pipeline.job.duplicates");
        long attributesCallsBefore = admin.calls("Attributes");

        AccountsReady poll = PipelineTopics.accountsReady(
                login.loginId(), requestId, AccountsSource.POLL, Instant.now(), refresh, login.accountIds());
        AccountsReady webhook = PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                refresh,
                login.accountIds());
        topics.publish(poll);
        topics.publish(webhook);
        topics.publish(webhook);

        awaitAttributes(login.loginId());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> harness.service().count("pipeline.job.duplicates") - duplicatesBefore >= 2);
        assertThat(topics.attributesReadyOf(login.loginId())).hasSize(1);
        assertThat(admin.calls("Attributes") - attributesCallsBefore).isEqualTo(1);
        assertThat(admin.authorizeCalls(login.loginId())).isEqualTo(1);

        // A newer refresh of the same login is a new snapshot.
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                refresh.plusSeconds(60),
                login.accountIds()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> topics.attributesReadyOf(login.loginId()).size() == 2);
    }

    @Test
    void aRedrivenAccountsReadyOfAFailedJobIsFetchedOncePerRedrive() {
        CreatedLogin login = admin.createLogin(0);
        admin.behaviour(
                login.loginId(), JsonNodeFactory.instance.objectNode().put("authorizeFlinksCode", "DISABLED_LOGIN"));
        AccountsReady accounts = PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds());
        topics.publish(accounts);
        PipelineFailed failed = awaitFailure(login.loginId());

        // The fix is deployed: the login works again. A plain redelivery is still the same snapshot.
        admin.behaviour(login.loginId(), JsonNodeFactory.instance.objectNode().put("authorizeFlinksCode", ""));
        double duplicatesBefore = harness.service().count("pipeline.job.duplicates");
        long attributesCallsBefore = admin.calls("Attributes");
        topics.publish(accounts);
        String redriveId = RedriveHeader.id(failed.getEventId(), failed.getFailedAt());
        topics.publishRedrive(accounts, redriveId);
        topics.publishRedrive(accounts, redriveId);

        AttributesReady ready = awaitAttributes(login.loginId());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> harness.service().count("pipeline.job.duplicates") - duplicatesBefore >= 2);
        assertThat(ready.getRequestIdReused()).isFalse();
        assertThat(topics.attributesReadyOf(login.loginId())).hasSize(1);
        assertThat(topics.failuresOf(login.loginId())).hasSize(1);
        assertThat(admin.calls("Attributes") - attributesCallsBefore).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() {
        String poisonKey = UUID.randomUUID().toString();
        topics.publishRaw(poisonKey, "not avro at all".getBytes(StandardCharsets.UTF_8));
        CreatedLogin login = admin.createLogin(0);
        topics.publish(PipelineTopics.accountsReady(
                login.loginId(),
                UUID.randomUUID().toString(),
                AccountsSource.WEBHOOK,
                null,
                lastRefresh(),
                login.accountIds()));
        String invalidKey = UUID.randomUUID().toString();
        topics.publish(PipelineTopics.accountsReady(
                invalidKey, " ", AccountsSource.POLL, Instant.now(), lastRefresh(), List.of()));

        awaitAttributes(login.loginId());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> topics.deadLetters.stream()
                                .filter(r -> poisonKey.equals(r.key()) || invalidKey.equals(r.key()))
                                .count()
                        == 2);
        ConsumerRecord<String, byte[]> poison = topics.deadLetters.stream()
                .filter(r -> poisonKey.equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(new String(poison.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(header(poison, DeadLetters.REASON_HEADER)).isNotBlank();
        assertThat(header(poison, "kafka_dlt-original-topic")).isEqualTo(Topics.ACCOUNTS_READY);
        ConsumerRecord<String, byte[]> invalid = topics.deadLetters.stream()
                .filter(r -> invalidKey.equals(r.key()))
                .findFirst()
                .orElseThrow();
        assertThat(header(invalid, DeadLetters.REASON_HEADER)).contains("without requestId");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
