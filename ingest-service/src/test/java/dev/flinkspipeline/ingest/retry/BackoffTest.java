package dev.flinkspipeline.ingest.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void ceilingsDoubleUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void eachDelayLiesBetweenHalfAndAllOfItsCeiling() {
        assertThat(backoff.delay(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, () -> 0.999_999)).isEqualTo(Duration.ofMillis(3999));
        Random random = new Random(7);
        for (int attempt = 1; attempt < 12; attempt++) {
            Duration delay = backoff.delay(attempt, random::nextDouble);
            assertThat(delay).isBetween(backoff.ceiling(attempt).dividedBy(2), backoff.ceiling(attempt));
        }
    }

    @Test
    void jitterSpreadsClientsThatFailedTogether() {
        Random random = new Random(11);
        long distinct = IntStream.range(0, 50)
                .mapToObj(i -> backoff.delay(4, random::nextDouble))
                .distinct()
                .count();
        assertThat(distinct).isGreaterThan(40);
    }

    @Test
    void aScheduleFillsItsBudgetAndEndsAtIt() {
        Random random = new Random(3);
        List<Duration> schedule = backoff.schedule(Duration.ofMinutes(5), random::nextDouble);
        Duration total = schedule.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        // a few quick retries first, then about two a minute
        assertThat(schedule.get(0)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.size()).isBetween(12, 25);
    }

    @Test
    void aBudgetShorterThanHalfTheFirstDelayHasNoRetry() {
        assertThat(backoff.schedule(Duration.ofMillis(400), () -> 0.5)).isEmpty();
        assertThat(backoff.schedule(Duration.ZERO, () -> 0.5)).isEmpty();
        assertThat(backoff.schedule(Duration.ofMillis(700), () -> 0.5)).containsExactly(Duration.ofMillis(700));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
