package dev.flinkspipeline.ingest.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeadlineRetryTest {

    /** A fake clock that only sleeping (and slow attempts) advance. */
    private long now;

    private final List<Duration> slept = new ArrayList<>();
    private final DeadlineRetry retry = new DeadlineRetry(
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(2)),
            Duration.ofSeconds(10),
            () -> now,
            d -> {
                slept.add(d);
                now += d.toNanos();
            },
            () -> 0.5);

    @Test
    void retriesRetryableOutcomesUntilOneIsNot() throws InterruptedException {
        Deque<String> answers = new ArrayDeque<>(List.of("busy", "busy", "ok"));
        DeadlineRetry.Outcome<String> outcome = retry.run(left -> answers.poll(), "busy"::equals, r -> null);
        assertThat(outcome.result()).isEqualTo("ok");
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(slept).containsExactly(Duration.ofMillis(150), Duration.ofMillis(300));
    }

    @Test
    void aTerminalOutcomeIsNotRetried() throws InterruptedException {
        DeadlineRetry.Outcome<String> outcome = retry.run(left -> "refused", "busy"::equals, r -> null);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void givesUpWithTheLastOutcomeWhenTheNextWaitWouldPassTheDeadline() throws InterruptedException {
        DeadlineRetry.Outcome<String> outcome = retry.run(left -> "busy", "busy"::equals, r -> null);
        assertThat(outcome.result()).isEqualTo("busy");
        Duration total = slept.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isLessThanOrEqualTo(Duration.ofSeconds(10)).isGreaterThan(Duration.ofSeconds(7));
        assertThat(outcome.attempts()).isEqualTo(slept.size() + 1);
    }

    @Test
    void eachAttemptIsToldTheTimeLeftAndNoAnswerInTimeIsRetried() throws InterruptedException {
        List<Duration> told = new ArrayList<>();
        DeadlineRetry.Outcome<String> outcome = retry.run(
                left -> {
                    told.add(left);
                    now += Duration.ofSeconds(4).toNanos(); // an attempt that times out after 4 s
                    return null;
                },
                "busy"::equals,
                r -> null);
        assertThat(told).containsExactly(Duration.ofSeconds(10), Duration.ofMillis(5850), Duration.ofMillis(1550));
        // the third attempt ends past the deadline: no fourth
        assertThat(outcome.result()).isNull();
        assertThat(outcome.attempts()).isEqualTo(3);
    }

    @Test
    void aLongerRetryAfterIsHonouredWithinTheDeadline() throws InterruptedException {
        Deque<String> answers = new ArrayDeque<>(List.of("busy", "ok"));
        retry.run(left -> answers.poll(), "busy"::equals, r -> Duration.ofSeconds(3));
        assertThat(slept).containsExactly(Duration.ofSeconds(3));
        slept.clear();
        DeadlineRetry.Outcome<String> tooLong = retry.run(left -> "busy", "busy"::equals, r -> Duration.ofSeconds(30));
        assertThat(tooLong.attempts()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }
}
