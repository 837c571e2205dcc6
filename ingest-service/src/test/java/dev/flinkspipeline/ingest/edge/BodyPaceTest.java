package dev.flinkspipeline.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.ingest.edge.BodyPace.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BodyPaceTest {

    private static final long SECOND = 1_000_000_000L;
    private final BodyPace pace = BodyPace.of(Duration.ofSeconds(5), 16 * 1024, Duration.ofSeconds(60));

    @Test
    void anyBodyHasTheGrace() {
        assertThat(pace.verdict(0, 0)).isEqualTo(Verdict.ON_PACE);
        assertThat(pace.verdict(5 * SECOND, 0)).isEqualTo(Verdict.ON_PACE);
        assertThat(pace.verdict(5 * SECOND + 1_000_000, 0)).isEqualTo(Verdict.TOO_SLOW);
    }

    @Test
    void afterTheGraceTheAverageRateCounts() {
        // A byte a second is far too slow; 16 KiB/s since the grace ended is just enough.
        assertThat(pace.verdict(10 * SECOND, 10)).isEqualTo(Verdict.TOO_SLOW);
        assertThat(pace.verdict(10 * SECOND, 5 * 16 * 1024)).isEqualTo(Verdict.ON_PACE);
        assertThat(pace.verdict(10 * SECOND, 5 * 16 * 1024 - 1)).isEqualTo(Verdict.TOO_SLOW);
        // A fast start buys time, but never past the timeout.
        assertThat(pace.verdict(59 * SECOND, 32L * 1024 * 1024)).isEqualTo(Verdict.ON_PACE);
        assertThat(pace.verdict(60 * SECOND, 32L * 1024 * 1024)).isEqualTo(Verdict.TIMED_OUT);
    }

    @Test
    void theNextCheckIsWhenTheBytesStopBeingEnough() {
        assertThat(pace.nextCheckNanos(0)).isBetween(5 * SECOND, 5 * SECOND + SECOND / 1000);
        long next = pace.nextCheckNanos(16 * 1024);
        assertThat(pace.verdict(next - 1_000_000, 16 * 1024)).isEqualTo(Verdict.ON_PACE);
        assertThat(pace.verdict(next + 1_000_000, 16 * 1024)).isEqualTo(Verdict.TOO_SLOW);
        assertThat(pace.nextCheckNanos(Long.MAX_VALUE / 2)).isEqualTo(60 * SECOND);
    }
}
