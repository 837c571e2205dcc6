package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.attributes.job.AttemptResult.RetryKind;
import dev.flinkspipeline.attributes.job.AttemptResult.RetryLater;
import dev.flinkspipeline.service.job.Backoff;
import dev.flinkspipeline.service.job.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPlannerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final RetryPlanner planner = new RetryPlanner(
            Duration.ofSeconds(10),
            0.1,
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0),
            new SplittableRandom());

    private static Job job(int faults, Instant deadline) {
        Job job = Job.start("login", "req", Job.POLL, null, "Lending", List.of(), true, NOW, NOW, deadline);
        for (int i = 0; i < faults; i++) {
            job = job.attempted(true, new LastAnswer("RETRY_LATER", 401, "x"));
        }
        return job;
    }

    @RepeatedTest(20)
    void pendingIsPolledAtTheIntervalWithJitter() {
        var plan = (JobDecision.Retry) planner.plan(
                new RetryLater(
                        job(0, NOW.plusSeconds(1800)), RetryKind.PENDING, new LastAnswer("OPERATION_PENDING", 202, "")),
                NOW);
        assertThat(Duration.between(NOW, plan.dueAt())).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    @RepeatedTest(20)
    void faultsBackOffExponentiallyUpToTheCeiling() {
        var third = (JobDecision.Retry) planner.plan(
                new RetryLater(job(3, NOW.plusSeconds(1800)), RetryKind.FAULT, new LastAnswer(null, 503, "")), NOW);
        // Full jitter: anywhere from 0 up to the third fault's ceiling.
        assertThat(Duration.between(NOW, third.dueAt())).isBetween(Duration.ZERO, Duration.ofSeconds(4));
        var tenth = (JobDecision.Retry) planner.plan(
                new RetryLater(job(10, NOW.plusSeconds(1800)), RetryKind.FAULT, new LastAnswer(null, 503, "")), NOW);
        assertThat(Duration.between(NOW, tenth.dueAt())).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterIsHonoured() {
        var plan = (JobDecision.Retry) planner.plan(
                new RetryLater(
                        job(1, NOW.plusSeconds(1800)),
                        RetryKind.FAULT,
                        new LastAnswer("TOO_MANY_REQUESTS", 429, ""),
                        Duration.ofSeconds(30)),
                NOW);
        assertThat(Duration.between(NOW, plan.dueAt())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRefusalOfOurCredentialsIsDueAtOnceEvenPastTheDeadline() {
        Instant deadline = NOW.minusSeconds(5);
        var plan = (JobDecision.Retry) planner.plan(
                new RetryLater(job(2, deadline), RetryKind.CREDENTIALS, new LastAnswer("UNAUTHORIZED", 401, "refused")),
                NOW);

        assertThat(plan.dueAt()).isEqualTo(NOW);
        assertThat(plan.retry().kind()).isEqualTo(RetryKind.CREDENTIALS);
        assertThat(plan.job().deadline()).isEqualTo(deadline);
    }

    @Test
    void theLastWaitEndsAtTheDeadlineAndAfterItTheJobGivesUp() {
        Instant deadline = NOW.plusSeconds(3);
        var last = (JobDecision.Retry) planner.plan(
                new RetryLater(job(0, deadline), RetryKind.PENDING, new LastAnswer("OPERATION_PENDING", 202, "")), NOW);
        assertThat(last.dueAt()).isEqualTo(deadline);

        var pendingGiveUp = (AttemptResult.Failed) planner.plan(
                new RetryLater(job(0, deadline), RetryKind.PENDING, new LastAnswer("OPERATION_PENDING", 202, "p")),
                deadline);
        assertThat(pendingGiveUp.reason()).isEqualTo(FailureReason.ATTRIBUTES_TIMEOUT);
        assertThat(pendingGiveUp.answer().flinksCode()).isEqualTo("OPERATION_PENDING");

        var faultGiveUp = (AttemptResult.Failed) planner.plan(
                new RetryLater(job(4, deadline), RetryKind.FAULT, new LastAnswer("RETRY_LATER", 401, "r")),
                deadline.plusSeconds(1));
        assertThat(faultGiveUp.reason()).isEqualTo(FailureReason.RETRIES_EXHAUSTED);
        assertThat(faultGiveUp.answer().flinksCode()).isEqualTo("RETRY_LATER");
    }
}
