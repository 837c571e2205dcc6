package dev.flinkspipeline.poller.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollJobKind;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.poller.config.PollerProperties;
import dev.flinkspipeline.poller.job.JobOutcome;
import dev.flinkspipeline.poller.job.Phase;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.schemas.CloudEventHeaders;
import dev.flinkspipeline.schemas.Topics;
import dev.flinkspipeline.schemas.serde.SchemaRegistryException;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** An AccountsReady is built and serialized where the answer arrives; what happens when that fails. */
class OutcomeRecordsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final String LOGIN = "5e0f5d1c-8f3a-4a0b-9a7e-1c2d3e4f5a6b";
    private static final String REQUEST = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

    private final List<Object> serialized = new ArrayList<>();

    private JobOutcome.AccountsFetched fetched() throws Exception {
        return fetched(new LoginDataGenerator(7, LocalDate.of(2026, 11, 1))
                .accountsDetailBytes(LOGIN, "user", GadOptions.full(DaysOfTransactions.Days90), REQUEST));
    }

    private JobOutcome.AccountsFetched fetched(byte[] body) throws Exception {
        AccountsDetailResponse accounts =
                FlinksJson.readerFor(AccountsDetailResponse.class).readValue(body);
        PollJob job = new PollJob(
                LOGIN,
                null,
                Phase.AUTHORIZE,
                0,
                NOW,
                NOW.plus(Duration.ofMinutes(30)),
                NOW,
                0,
                0,
                "FlinksCapital",
                "tag-1",
                List.of(),
                NOW.minusSeconds(30),
                PollJobKind.STANDARD,
                null);
        return new JobOutcome.AccountsFetched(job, accounts, REQUEST, NOW.minusSeconds(1), NOW);
    }

    private OutcomeRecords records(Serializer<Object> serializer) {
        return new OutcomeRecords(
                new PollerProperties.TopicNames(
                        Topics.LOGIN_RECEIVED,
                        Topics.POLL_SCHEDULED,
                        Topics.ACCOUNTS_READY,
                        Topics.PIPELINE_FAILED,
                        "logins-seen",
                        "webhook-wait",
                        "accounts-seen"),
                "/test",
                Clock.fixed(NOW, ZoneOffset.UTC),
                serializer,
                AccountsReadySplitter.DEFAULT_MAX_RECORD_BYTES);
    }

    @Test
    void accountsBecomeSerializedBytesAndTheParsedAnswerIsReleased() throws Exception {
        OutcomeRecords.Prepared prepared = records((topic, event) -> {
                    serialized.add(event);
                    return new byte[] {0, 0, 0, 0, 1, 42};
                })
                .prepare(fetched(), null);

        ProducerRecord<Object, Object> record = prepared.records().get(0);
        assertThat(record.topic()).isEqualTo(Topics.ACCOUNTS_READY);
        assertThat(record.key()).isEqualTo(LOGIN);
        assertThat(record.value()).isEqualTo(new byte[] {0, 0, 0, 0, 1, 42});
        assertThat(serialized).singleElement().isInstanceOfSatisfying(AccountsReady.class, event -> {
            assertThat(event.getLoginId()).isEqualTo(LOGIN);
            assertThat(event.getRequestId()).isEqualTo(REQUEST);
            assertThat(event.getAccounts()).isNotEmpty();
        });
        assertThat(new String(
                        record.headers().lastHeader(CloudEventHeaders.TYPE).value()))
                .contains("AccountsReady");
        assertThat(prepared.failureReason()).isNull();
        JobOutcome.AccountsFetched kept = (JobOutcome.AccountsFetched) prepared.outcome();
        assertThat(kept.accounts()).isNull();
        assertThat(kept.requestId()).isEqualTo(REQUEST);
    }

    @Test
    void accountsThatCannotBeEncodedBecomeAPipelineFailed() throws Exception {
        OutcomeRecords.Prepared prepared = records((topic, event) -> {
                    throw new SerializationException("Could not encode a AccountsReady: scale 6 is more than 4");
                })
                .prepare(fetched(), null);

        assertThat(prepared.records().get(0).topic()).isEqualTo(Topics.PIPELINE_FAILED);
        assertThat(prepared.records().get(0).value()).isInstanceOfSatisfying(PipelineFailed.class, failed -> {
            assertThat(failed.getReason()).isEqualTo(OutcomeRecords.UNMAPPABLE_ACCOUNTS);
            assertThat(failed.getLoginId()).isEqualTo(LOGIN);
        });
        assertThat(prepared.failureReason()).isEqualTo(OutcomeRecords.UNMAPPABLE_ACCOUNTS);
    }

    @Test
    void anAnswerTheEventCannotHoldBecomesAPipelineFailedNamingTheFieldNeverItsValue() throws Exception {
        byte[] body = ("{\"HttpStatusCode\":200,\"RequestId\":\"" + REQUEST + "\",\"Login\":{\"Id\":\"" + LOGIN
                        + "\"},\"Accounts\":[{\"Id\":\"a\",\"Transactions\":[{\"Debit\":0.00001}]},{\"Title\":\"no id\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        OutcomeRecords.Prepared prepared =
                records((topic, event) -> new byte[] {0}).prepare(fetched(body), null);

        assertThat(prepared.failureReason()).isEqualTo(OutcomeRecords.UNMAPPABLE_ACCOUNTS);
        assertThat(prepared.records().get(0).value())
                .isInstanceOfSatisfying(
                        PipelineFailed.class,
                        failed -> assertThat(failed.getMessage())
                                .isEqualTo(
                                        "Accounts[0].Transactions[0].Debit cannot be held exactly as decimal(22,4)."));
        byte[] noId = ("{\"HttpStatusCode\":200,\"Login\":{\"Id\":\"" + LOGIN + "\"},\"Accounts\":[{\"Title\":\"x\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(records((topic, event) -> new byte[] {0})
                        .prepare(fetched(noId), null)
                        .records()
                        .get(0)
                        .value())
                .isInstanceOfSatisfying(
                        PipelineFailed.class,
                        failed -> assertThat(failed.getMessage()).isEqualTo("Accounts[0].Id is missing."));
    }

    @Test
    void anUnreachableRegistryIsNotTheAnswerSFaultAndIsThrownSoTheStepIsRetried() {
        OutcomeRecords records = records((topic, event) -> {
            throw new SerializationException(
                    "Schema registry unreachable",
                    new SchemaRegistryException.Unreachable("http://registry:8081", "connection refused", null));
        });

        assertThatThrownBy(() -> records.prepare(fetched(), null)).isInstanceOf(SerializationException.class);
    }
}
