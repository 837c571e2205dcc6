package dev.flinkspipeline.service.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 2);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theCeilingGrowsExponentiallyUpToTheMax() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(1000)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void delaysAreSpreadOverTheWholeWindow() {
        SplittableRandom random = new SplittableRandom(7);
        long below = 0;
        for (int i = 0; i < 2000; i++) {
            Duration d = backoff.delay(3, random);
            assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(4));
            if (d.compareTo(Duration.ofSeconds(2)) < 0) {
                below++;
            }
        }
        assertThat(below).isBetween(800L, 1200L);
    }

    @Test
    void theNextAttemptNeverPassesTheDeadlineAndRespectsRetryAfter() {
        SplittableRandom random = new SplittableRandom(1);
        Instant deadline = now.plusMillis(500);
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.nextAttempt(5, now, deadline, null, random).orElseThrow())
                    .isBetween(now, deadline);
        }
        assertThat(backoff.nextAttempt(1, now, now.plusSeconds(60), Duration.ofSeconds(5), random)
                        .orElseThrow())
                .isEqualTo(now.plusSeconds(5));
        assertThat(backoff.nextAttempt(1, deadline, deadline, null, random)).isEmpty();
        assertThat(backoff.nextAttempt(1, deadline.plusMillis(1), deadline, null, random))
                .isEmpty();
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
