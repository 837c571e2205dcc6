package dev.flinkspipeline.poller.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PollJobKind;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.poller.job.Phase;
import dev.flinkspipeline.poller.job.PollJob;
import dev.flinkspipeline.poller.job.PollPolicy;
import dev.flinkspipeline.service.job.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobEventsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final PollPolicy POLICY = new PollPolicy(
            Duration.ofSeconds(10),
            Duration.ofMinutes(30),
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2),
            3,
            5);
    private static final Duration GRACE = Duration.ofMinutes(30);

    @Test
    void aStandardLoginStartsAJobDueNow() {
        PollJob job = JobEvents.start(login(FlinksFlow.STANDARD), NOW, POLICY.maxPollDuration(), GRACE);
        assertThat(job.kind()).isEqualTo(PollJobKind.STANDARD);
        assertThat(job.dueAt()).isEqualTo(NOW);
        assertThat(job.deadline()).isEqualTo(NOW.plus(POLICY.maxPollDuration()));
    }

    @Test
    void aWebhookLoginWaitsTheGraceAfterItWasReceivedThenHasTheFullPollBudget() {
        Instant receivedAt = NOW.minusSeconds(5);
        PollJob job = JobEvents.start(login(FlinksFlow.WEBHOOK), NOW, POLICY.maxPollDuration(), GRACE);
        assertThat(job.kind()).isEqualTo(PollJobKind.WEBHOOK_FALLBACK);
        assertThat(job.phase()).isEqualTo(Phase.AUTHORIZE);
        assertThat(job.dueAt()).isEqualTo(receivedAt.plus(GRACE));
        assertThat(job.deadline()).isEqualTo(receivedAt.plus(GRACE).plus(POLICY.maxPollDuration()));
        assertThat(job.userReference()).isEqualTo("user-7");
    }

    @Test
    void theKindAndUserReferenceSurviveTheScheduledRecord() {
        PollJob job = JobEvents.start(login(FlinksFlow.WEBHOOK), NOW, POLICY.maxPollDuration(), GRACE);
        PollScheduled scheduled = JobEvents.pollScheduled(job);
        assertThat(scheduled.getKind()).isEqualTo(PollJobKind.WEBHOOK_FALLBACK);
        PollJob back = JobEvents.job(scheduled);
        assertThat(back.kind()).isEqualTo(PollJobKind.WEBHOOK_FALLBACK);
        assertThat(back.userReference()).isEqualTo("user-7");
        assertThat(back.dueAt()).isEqualTo(job.dueAt());
        assertThat(JobEvents.pipelineFailed(back, null, "X", null, 0, "m", NOW).getFlow())
                .isEqualTo("WEBHOOK");
    }

    private static LoginReceived login(FlinksFlow flow) {
        return LoginReceived.newBuilder()
                .setEventId("e")
                .setLoginId("login-1")
                .setInstitution("FlinksCapital")
                .setUserReference("user-7")
                .setAccountIds(List.of())
                .setVia(LoginSource.REDIRECT_URL)
                .setFlow(flow)
                .setReceivedAt(NOW.minusSeconds(5))
                .build();
    }
}
