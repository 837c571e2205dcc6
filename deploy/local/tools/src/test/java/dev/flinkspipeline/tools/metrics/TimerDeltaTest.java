package dev.flinkspipeline.tools.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class TimerDeltaTest {

    private static final String BEFORE = """
            # HELP flinks_client_requests_seconds Flinks API calls
            # TYPE flinks_client_requests_seconds histogram
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="0.005"} 1
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="0.01"} 2
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="+Inf"} 2
            flinks_client_requests_seconds_count{endpoint="Authorize",outcome="data"} 2
            flinks_client_requests_seconds_sum{endpoint="Authorize",outcome="data"} 0.012
            """;

    private static final String AFTER = """
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="0.005"} 51
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="0.01"} 101
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="data",le="+Inf"} 102
            flinks_client_requests_seconds_count{endpoint="Authorize",outcome="data"} 102
            flinks_client_requests_seconds_sum{endpoint="Authorize",outcome="data"} 0.712
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="reauthorize",le="0.005"} 0
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="reauthorize",le="0.01"} 0
            flinks_client_requests_seconds_bucket{endpoint="Authorize",outcome="reauthorize",le="+Inf"} 0
            flinks_client_requests_seconds_count{endpoint="Authorize",outcome="reauthorize"} 0
            flinks_client_requests_seconds_sum{endpoint="Authorize",outcome="reauthorize"} 0
            """;

    @Test
    void countsMeanAndBucketBoundsAreWhatWasRecordedBetweenTheScrapes() {
        TimerDelta d = TimerDelta.of(
                        PrometheusSamples.parse(BEFORE),
                        PrometheusSamples.parse(AFTER),
                        "flinks_client_requests_seconds",
                        "endpoint",
                        "Authorize")
                .orElseThrow();

        assertThat(d.n()).isEqualTo(100);
        assertThat(d.meanMs()).isCloseTo(7.0, offset(1e-9));
        assertThat(d.p50Ms()).isEqualTo(5.0);
        assertThat(d.p99Ms()).isEqualTo(10.0);
    }

    @Test
    void aTimerThatRecordedNothingHasNoFigures() {
        PrometheusSamples same = PrometheusSamples.parse(AFTER);

        assertThat(TimerDelta.of(same, same, "flinks_client_requests_seconds", "endpoint", "Authorize"))
                .isEmpty();
        assertThat(TimerDelta.values(same, "flinks_client_requests_seconds", "endpoint"))
                .containsExactly("Authorize");
    }

    @Test
    void cpuIsUserPlusSystemTicksAfterTheCommandName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 40 0 1 2 3";

        assertThat(ProcessCpu.parse(stat)).hasValue(3000);
    }
}
