package dev.flinkspipeline.poller.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.events.AccountsDelivery;
import dev.flinkspipeline.flinks.events.AccountsReadyMapping;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.flinks.sandbox.admin.client.CreatedLogin;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.snapshot.AccountsReadyAssembler;
import dev.flinkspipeline.testkit.PipelineInfra;
import dev.flinkspipeline.testkit.spring.AvroProducer;
import dev.flinkspipeline.testkit.spring.ServiceHarness;
import dev.flinkspipeline.testkit.spring.TopicReader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login of many accounts with a year of transactions, whose AccountsReady is larger than the accounts-ready
 * topic accepts (max.message.bytes 1 MiB), still reaches Kafka: as ordered parts that reassemble to the
 * snapshot the poller mapped.
 */
class LargeSnapshotTest {

    @RegisterExtension
    static final PipelineInfra infra = new PipelineInfra();

    private static final int TOPIC_LIMIT = 1024 * 1024;
    private static final int MAX_RECORD_BYTES = TOPIC_LIMIT - 64 * 1024;
    private static final long SEED = 7;
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    private static final int ACCOUNT_SETS = 32;

    private static final Scenario scenario = new Scenario("large");
    private static ServiceHarness harness;
    private static AvroProducer feeder;
    private static TopicReader outcomes;

    @BeforeAll
    static void start() {
        // accounts-ready first, with the limit the snapshot exceeds; the harness leaves it as it is.
        infra.createTopic(scenario.accounts(), 3, Map.of("max.message.bytes", Integer.toString(TOPIC_LIMIT)));
        harness = PollerSettings.harness(
                        infra,
                        scenario,
                        SandboxConfig.builder()
                                .pendingPolls(0)
                                .seed(SEED)
                                .asOf(AS_OF)
                                .accountSets(ACCOUNT_SETS)
                                .build())
                .with("poller.accounts.days-of-transactions", "Days365")
                .with("poller.accounts.max-record-bytes", Integer.toString(MAX_RECORD_BYTES))
                .start();
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
    void aSnapshotLargerThanTheTopicAcceptsArrivesInPartsThatReassembleToIt() throws Exception {
        CreatedLogin created = harness.admin().createLogin(Map.of("pendingPolls", 0));
        String loginId = created.loginId();
        LoginReceived login = Logins.login(loginId, List.of());
        feeder.send(scenario.logins(), loginId, login);

        AccountsReadyAssembler assembler = new AccountsReadyAssembler();
        List<ConsumerRecord<String, Object>> parts = new ArrayList<>();
        AccountsReady whole = null;
        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (whole == null && System.nanoTime() < end) {
            for (ConsumerRecord<String, Object> record : outcomes.drainNew()) {
                assertThat(record.value())
                        .as("outcome of loginId=%s", record.key())
                        .isInstanceOf(AccountsReady.class);
                if (!loginId.equals(record.key())) {
                    continue;
                }
                parts.add(record);
                Optional<AccountsReady> done = assembler.add((AccountsReady) record.value());
                if (done.isPresent()) {
                    whole = done.get();
                }
            }
        }

        assertThat(whole).as("the whole snapshot").isNotNull();
        // Sizes and partitions only: a failure printing the records would print a year of transactions.
        assertThat(parts.size()).as("records of the snapshot").isGreaterThan(1);
        assertThat(parts).extracting(ConsumerRecord::serializedValueSize).allMatch(size -> size <= MAX_RECORD_BYTES);
        assertThat(parts)
                .extracting(ConsumerRecord::partition)
                .containsOnly(parts.get(0).partition());
        long total =
                parts.stream().mapToLong(ConsumerRecord::serializedValueSize).sum();
        assertThat(total).as("the snapshot exceeds the topic's limit").isGreaterThan(TOPIC_LIMIT);
        assertThat(whole.getAccounts().size()).isEqualTo(created.accountIds().size());
        assertThat(created.accountIds().size()).isGreaterThanOrEqualTo(2 * ACCOUNT_SETS);

        String requestId = whole.getRequestId();
        AccountsDetailResponse answer = FlinksJson.readerFor(AccountsDetailResponse.class)
                .readValue(new LoginDataGenerator(SEED, AS_OF, ACCOUNT_SETS)
                        .accountsDetailBytes(
                                loginId, created.username(), GadOptions.full(DaysOfTransactions.Days365), requestId));
        AccountsReady expected = AccountsReadyMapping.map(
                answer,
                new AccountsDelivery(
                        AccountsSource.POLL,
                        loginId,
                        requestId,
                        whole.getRequestIdLastUsedAt(),
                        whole.getReceivedAt(),
                        login.getTag(),
                        login.getInstitution(),
                        null,
                        login.getReceivedAt(),
                        false));
        assertThat(whole.getAccounts().equals(expected.getAccounts()))
                .as("the reassembled accounts are those Flinks sent")
                .isTrue();
        assertThat(whole.equals(expected))
                .as("the reassembled snapshot is the one mapped")
                .isTrue();
        assertThat(whole.getEventId())
                .isEqualTo(EventIds.forSnapshot(loginId, whole.getLogin().getLastRefresh(), requestId)
                        .toString());
    }
}
