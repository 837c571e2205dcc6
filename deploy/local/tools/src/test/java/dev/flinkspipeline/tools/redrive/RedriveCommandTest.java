package dev.flinkspipeline.tools.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.RedriveHeader;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.tools.kafka.TimeWindow;
import dev.flinkspipeline.tools.kafka.TopicsForTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code redrive} against a real in-process broker and the test schema registry: the topics hold what the
 * services would have written for a handful of logins, each ending differently; the command must re-drive
 * exactly the right ones, the right way, once.
 */
class RedriveCommandTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final String USER_REFERENCE = "app-user-7f3e";
    private static final String TAG = "v2.dGFnLXNlY3JldA.bm9uY2U.1893456000.c2ln";

    private TopicsForTest kafka;
    private RedriveTopics topics;

    /** One login per ending, each with a fresh loginId. */
    private final String pollTimedOut = login();

    private final String accountsLater = login();
    private final String attributesFailed = login();
    private final String connectFailed = login();
    private final String tooOld = login();
    private final String attributesLater = login();
    private final String ingestFailed = login();

    private PipelineFailed pollFailure;
    private PipelineFailed ingestFailure;
    private PipelineFailed attributesFailure;
    private ConsumerRecord<String, byte[]> attributesLoginAccounts;

    private static String login() {
        return UUID.randomUUID().toString();
    }

    private static Instant ago(int minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    @BeforeEach
    void seed() {
        kafka = new TopicsForTest(infra);
        topics = new RedriveTopics(
                kafka.topic("pipeline-failed"),
                kafka.topic("login-received"),
                kafka.topic("accounts-ready"),
                kafka.topic("attributes-ready"));

        // A webhook-flow login whose fallback poll timed out: connected twice, the second time at another bank.
        kafka.event(
                topics.loginReceived(), pollTimedOut, loginReceived(pollTimedOut, "FlinksCapital", ago(60)), ago(60));
        kafka.event(topics.loginReceived(), pollTimedOut, loginReceived(pollTimedOut, "Desjardins", ago(40)), ago(40));
        pollFailure = failed(pollTimedOut, FailureStage.POLL, "POLL_TIMEOUT", ago(10));
        kafka.event(topics.pipelineFailed(), pollTimedOut, pollFailure, ago(10));

        // Failed on Authorize, but its webhook arrived afterwards.
        kafka.event(
                topics.loginReceived(), accountsLater, loginReceived(accountsLater, "FlinksCapital", ago(30)), ago(30));
        kafka.event(
                topics.pipelineFailed(),
                accountsLater,
                failed(accountsLater, FailureStage.ACCOUNTS, "FLINKS_ERROR", ago(20)),
                ago(20));
        kafka.event(topics.accountsReady(), accountsLater, accountsReady(accountsLater), ago(15));

        // Accounts arrived, Attributes failed.
        kafka.event(topics.accountsReady(), attributesFailed, accountsReady(attributesFailed), ago(25));
        attributesFailure = failed(attributesFailed, FailureStage.ATTRIBUTES, "RETRIES_EXHAUSTED", ago(12));
        kafka.event(topics.pipelineFailed(), attributesFailed, attributesFailure, ago(12));
        attributesLoginAccounts = kafka.read(topics.accountsReady()).stream()
                .filter(r -> attributesFailed.equals(r.key()))
                .findFirst()
                .orElseThrow();

        kafka.event(
                topics.pipelineFailed(),
                connectFailed,
                failed(connectFailed, FailureStage.CONNECT, "CONNECT_ERROR", ago(9)),
                ago(9));

        kafka.event(
                topics.pipelineFailed(), tooOld, failed(tooOld, FailureStage.POLL, "POLL_TIMEOUT", ago(180)), ago(180));

        // Attributes failed once, then a retry by other means succeeded.
        kafka.event(topics.accountsReady(), attributesLater, accountsReady(attributesLater), ago(30));
        kafka.event(
                topics.pipelineFailed(),
                attributesLater,
                failed(attributesLater, FailureStage.ATTRIBUTES, "FLINKS_ERROR", ago(20)),
                ago(20));
        kafka.event(topics.attributesReady(), attributesLater, attributesReady(attributesLater), ago(5));

        // An unmappable webhook; no LoginReceived left on Kafka.
        ingestFailure = failed(ingestFailed, FailureStage.INGEST, "UNMAPPABLE_WEBHOOK", ago(8));
        kafka.event(topics.pipelineFailed(), ingestFailed, ingestFailure, ago(8));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void redrivesEachFailedLoginByItsStageAndSkipsWhatCannotOrNeedNot() {
        Run run = redrive(new RedriveFilter(Set.of(), Set.of(), TimeWindow.parse("2h", null, NOW), null), false);

        assertThat(run.status).isZero();
        assertThat(run.row(pollTimedOut)).contains("POLL", "POLL_TIMEOUT", "re-driven: LoginReceived");
        assertThat(run.row(ingestFailed)).contains("INGEST", "re-driven: LoginReceived");
        assertThat(run.row(attributesFailed))
                .contains("ATTRIBUTES", "RETRIES_EXHAUSTED", "re-driven: AccountsReady re-published");
        assertThat(run.row(accountsLater)).contains("skipped: succeeded later: AccountsReady");
        assertThat(run.row(attributesLater)).contains("skipped: succeeded later: AttributesReady");
        assertThat(run.row(connectFailed)).contains("skipped: the customer must reconnect");
        assertThat(run.output).doesNotContain(tooOld).contains("3 re-driven, 3 skipped");
        assertThat(run.output)
                .as("no personal data in the report")
                .doesNotContain(USER_REFERENCE)
                .doesNotContain(TAG)
                .doesNotContain("Desjardins")
                .doesNotContain("Jane")
                .doesNotContain("0001234");

        List<ConsumerRecord<String, byte[]>> logins = redriveLogins();
        assertThat(logins).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(pollTimedOut, ingestFailed);

        ConsumerRecord<String, byte[]> polled = logins.stream()
                .filter(r -> r.key().equals(pollTimedOut))
                .findFirst()
                .orElseThrow();
        LoginReceived again = (LoginReceived) kafka.decode(polled);
        assertThat(again.getEventId())
                .isEqualTo(EventIds.forEvent(
                                pollTimedOut,
                                null,
                                "LoginReceived",
                                "redrive:" + pollFailure.getEventId() + "@" + pollFailure.getFailedAt())
                        .toString());
        assertThat(again.getFlow()).isEqualTo(FlinksFlow.STANDARD);
        assertThat(again.getVia()).isEqualTo(LoginSource.API);
        assertThat(again.getInstitution())
                .as("from the latest earlier LoginReceived")
                .isEqualTo("Desjardins");
        assertThat(again.getTag()).isEqualTo(TAG);
        assertThat(again.getUserReference()).isEqualTo(USER_REFERENCE);
        assertThat(again.getAccountIds()).containsExactly("acc-1", "acc-2");
        assertThat(header(polled, CloudEventHeaders.ID)).isEqualTo(again.getEventId());
        assertThat(header(polled, CloudEventHeaders.TYPE)).isEqualTo("dev.flinkspipeline.LoginReceived");
        assertThat(header(polled, CloudEventHeaders.SOURCE)).isEqualTo("/flinks-pipeline/tools/redrive");

        LoginReceived ingestAgain = (LoginReceived) kafka.decode(logins.stream()
                .filter(r -> r.key().equals(ingestFailed))
                .findFirst()
                .orElseThrow());
        assertThat(ingestAgain.getInstitution()).isEqualTo("unknown");
        assertThat(ingestAgain.getUserReference()).isNull();
        assertThat(ingestAgain.getEventId())
                .isEqualTo(EventIds.forEvent(
                                ingestFailed,
                                null,
                                "LoginReceived",
                                "redrive:" + ingestFailure.getEventId() + "@" + ingestFailure.getFailedAt())
                        .toString());

        List<ConsumerRecord<String, byte[]>> republished = redriveAccounts();
        assertThat(republished).hasSize(1);
        ConsumerRecord<String, byte[]> copy = republished.get(0);
        assertThat(copy.key()).isEqualTo(attributesFailed);
        assertThat(copy.value()).as("the same bytes").isEqualTo(attributesLoginAccounts.value());
        assertThat(header(copy, RedriveHeader.NAME))
                .isEqualTo(attributesFailure.getEventId() + "@" + attributesFailure.getFailedAt());
        assertThat(header(copy, CloudEventHeaders.ID)).isEqualTo(header(attributesLoginAccounts, CloudEventHeaders.ID));
    }

    @Test
    void filtersByReasonStageAndLogin() {
        RedriveFilter byReason =
                new RedriveFilter(Set.of("poll_timeout", "RETRIES_EXHAUSTED"), Set.of(), TimeWindow.ALL, null);
        Run reasons = redrive(byReason, true);
        assertThat(reasons.rows()).hasSize(3);
        assertThat(reasons.row(pollTimedOut)).contains("would re-drive: LoginReceived");
        assertThat(reasons.row(attributesFailed)).contains("would re-drive: AccountsReady");
        assertThat(reasons.row(tooOld)).as("no time window").contains("would re-drive: LoginReceived");

        Run stages = redrive(new RedriveFilter(Set.of(), Set.of(FailureStage.ATTRIBUTES), TimeWindow.ALL, null), true);
        assertThat(stages.rows()).hasSize(2);
        assertThat(stages.row(attributesFailed)).contains("would re-drive");
        assertThat(stages.row(attributesLater)).contains("skipped");

        Run window = redrive(new RedriveFilter(Set.of(), Set.of(), new TimeWindow(ago(200), ago(15)), null), true);
        assertThat(window.rows()).hasSize(3);
        assertThat(window.output).contains(tooOld, accountsLater, attributesLater);

        Run one = redrive(new RedriveFilter(Set.of(), Set.of(), TimeWindow.ALL, ingestFailed.toUpperCase()), true);
        assertThat(one.rows()).hasSize(1);
        assertThat(one.row(ingestFailed)).contains("would re-drive");

        assertThat(redriveLogins()).as("a dry run writes nothing").isEmpty();
        assertThat(redriveAccounts()).isEmpty();
    }

    @Test
    void runningTwiceRedrivesOnceTheSecondRunWritesTheSameIds() {
        RedriveFilter failures = new RedriveFilter(
                Set.of(), Set.of(FailureStage.POLL, FailureStage.ATTRIBUTES), TimeWindow.parse("2h", null, NOW), null);
        Run first = redrive(failures, false);
        Run second = redrive(failures, false);

        assertThat(first.row(pollTimedOut)).doesNotContain("again");
        assertThat(second.row(pollTimedOut)).contains("re-driven: LoginReceived (standard flow) (again");
        assertThat(second.row(attributesFailed)).contains("re-driven: AccountsReady re-published (again");

        List<ConsumerRecord<String, byte[]>> logins = redriveLogins();
        assertThat(logins).hasSize(2);
        assertThat(logins.stream()
                        .map(r -> ((LoginReceived) kafka.decode(r)).getEventId())
                        .distinct())
                .hasSize(1);

        List<ConsumerRecord<String, byte[]>> copies = redriveAccounts();
        assertThat(copies).hasSize(2);
        assertThat(copies.stream().map(r -> header(r, RedriveHeader.NAME)).distinct())
                .hasSize(1);
        assertThat(Arrays.equals(copies.get(0).value(), copies.get(1).value())).isTrue();
    }

    @Test
    void aLoginThatFailsAgainAfterARedriveCanBeRedrivenAgain() {
        RedriveFilter attributes =
                new RedriveFilter(Set.of(), Set.of(FailureStage.ATTRIBUTES), TimeWindow.ALL, attributesFailed);
        redrive(attributes, false);
        // attributes-service failed the re-driven job too: same deterministic eventId, decided later.
        PipelineFailed again =
                failed(attributesFailed, FailureStage.ATTRIBUTES, "RETRIES_EXHAUSTED", NOW.plusSeconds(1));
        assertThat(again.getEventId()).isEqualTo(attributesFailure.getEventId());
        kafka.event(topics.pipelineFailed(), attributesFailed, again, NOW.plusSeconds(1));

        Run second = redrive(attributes, false);

        assertThat(second.row(attributesFailed))
                .contains("re-driven: AccountsReady re-published")
                .doesNotContain("again");
        assertThat(redriveAccounts())
                .extracting(r -> header(r, RedriveHeader.NAME))
                .containsExactly(
                        RedriveHeader.id(attributesFailure.getEventId(), attributesFailure.getFailedAt()),
                        RedriveHeader.id(again.getEventId(), again.getFailedAt()));
    }

    private record Run(int status, String output) {
        List<String> rows() {
            return output.lines()
                    .filter(l -> l.length() > 36 && l.charAt(8) == '-' && l.charAt(36) == ' ')
                    .toList();
        }

        String row(String loginId) {
            return rows().stream()
                    .filter(l -> l.startsWith(loginId))
                    .findFirst()
                    .orElse("(no row for " + loginId + ")");
        }
    }

    private Run redrive(RedriveFilter filter, boolean dryRun) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = new RedriveCommand(
                        new RedriveCommand.Options(kafka.settings(), filter, dryRun, topics),
                        Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC))
                .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(output); // the report, in the test's output
        return new Run(status, output);
    }

    private List<ConsumerRecord<String, byte[]>> redriveLogins() {
        return kafka.read(topics.loginReceived()).stream()
                .filter(r -> "/flinks-pipeline/tools/redrive".equals(header(r, CloudEventHeaders.SOURCE)))
                .toList();
    }

    private List<ConsumerRecord<String, byte[]>> redriveAccounts() {
        return kafka.read(topics.accountsReady()).stream()
                .filter(r -> header(r, RedriveHeader.NAME) != null)
                .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                .toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static LoginReceived loginReceived(String loginId, String institution, Instant at) {
        return LoginReceived.newBuilder()
                .setEventId(EventIds.forEvent(loginId, null, "LoginReceived", institution)
                        .toString())
                .setLoginId(loginId)
                .setInstitution(institution)
                .setTag(TAG)
                .setUserReference(USER_REFERENCE)
                .setAccountIds(List.of("acc-1", "acc-2"))
                .setFlow(FlinksFlow.WEBHOOK)
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(at)
                .build();
    }

    private static PipelineFailed failed(String loginId, FailureStage stage, String reason, Instant at) {
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(loginId, null, "PipelineFailed", stage.name())
                        .toString())
                .setLoginId(loginId)
                .setStage(stage)
                .setReason(reason)
                .setMessage("Jane Doe's account 0001234")
                .setAttempts(3)
                .setFlow("STANDARD")
                .setFailedAt(at)
                .build();
    }

    private static AccountsReady accountsReady(String loginId) {
        String requestId = UUID.randomUUID().toString();
        return AccountsReady.newBuilder()
                .setEventId(
                        EventIds.forEvent(loginId, requestId, "AccountsReady").toString())
                .setLoginId(loginId)
                .setRequestId(requestId)
                .setSource(AccountsSource.WEBHOOK)
                .setLogin(Login.newBuilder()
                        .setId(loginId)
                        .setLastRefresh(ago(26))
                        .build())
                .setAccounts(List.of(Account.newBuilder()
                        .setId("acc-1")
                        .setTitle("Chequing")
                        .setAccountNumber("0001234")
                        .build()))
                .setReceivedAt(ago(25))
                .build();
    }

    private static AttributesReady attributesReady(String loginId) {
        return AttributesReady.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setLoginId(loginId)
                .setRequestId(UUID.randomUUID().toString())
                .setAttributeSet("UserAnalysis")
                .setAttributes(Map.of())
                .setRequestIdReused(false)
                .setComputedAt(ago(5))
                .build();
    }
}
