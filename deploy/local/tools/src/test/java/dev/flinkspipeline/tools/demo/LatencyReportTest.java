package dev.flinkspipeline.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyReportTest {

    @Test
    void percentilesUseTheNearestRank() {
        List<Double> millis = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            millis.add((double) i);
        }

        LatencyReport.Percentiles p = LatencyReport.Percentiles.of(millis).orElseThrow();

        assertThat(p.n()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
        assertThat(p.min()).isEqualTo(1.0);
    }

    @Test
    void aSingleValueIsEveryPercentileAndNoValueIsNoFigure() {
        LatencyReport.Percentiles p = LatencyReport.Percentiles.of(List.of(7.5)).orElseThrow();

        assertThat(p.p50()).isEqualTo(7.5);
        assertThat(p.p99()).isEqualTo(7.5);
        assertThat(LatencyReport.Percentiles.of(List.of())).isEmpty();
    }
}
