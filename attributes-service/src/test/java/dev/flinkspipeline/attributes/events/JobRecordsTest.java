package dev.flinkspipeline.attributes.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.internal.AttributesScheduled;
import dev.flinkspipeline.attributes.job.Job;
import dev.flinkspipeline.attributes.job.LastAnswer;
import dev.flinkspipeline.attributes.job.Step;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRecordsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void aJobSurvivesTheRoundTripThroughItsAvroRecord() throws Exception {
        Job job = Job.start(
                        "login",
                        "req-0",
                        Job.POLL,
                        Instant.parse("2026-03-01T11:00:00.1234567Z"),
                        "Custom",
                        List.of("acc-1", "acc-2"),
                        false,
                        null,
                        NOW,
                        NOW.plus(Duration.ofMinutes(30)))
                .authorized("req-1", NOW.plusSeconds(1), Step.ACCOUNTS_DETAIL_ASYNC)
                .attempted(true, new LastAnswer("RETRY_LATER", 401, "busy"));
        AttributesScheduled record = JobRecords.toRecord(job, NOW.plusSeconds(10));
        ByteBuffer bytes = record.toByteBuffer();
        Job back = JobRecords.fromRecord(AttributesScheduled.fromByteBuffer(bytes));
        assertThat(back).isEqualTo(job);
        assertThat(record.getDueAt()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void eventIdsAreDeterministicPerAttempt() {
        Job job = Job.start(
                "login", "req-0", Job.WEBHOOK, null, "Lending", List.of(), false, null, NOW, NOW.plusSeconds(60));
        assertThat(JobRecords.toRecord(job, NOW).getEventId())
                .isEqualTo(JobRecords.toRecord(job, NOW.plusSeconds(5)).getEventId())
                .isNotEqualTo(
                        JobRecords.toRecord(job.attempted(false, null), NOW).getEventId());
        assertThat(JobRecords.attributesReadyId(job))
                .isEqualTo(JobRecords.attributesReadyId(job.authorized("other", NOW, Step.ATTRIBUTES)));
    }
}
