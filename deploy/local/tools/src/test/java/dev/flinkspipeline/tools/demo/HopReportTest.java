package dev.flinkspipeline.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HopReportTest {

    /** A standard-flow customer whose instants are {@code base} plus each given offset, in order of the chain. */
    private static HopReport.Points customer(double base, double... offsets) {
        Optional<Double>[] at = points(base, offsets);
        return new HopReport.Points(at[0], at[1], at[2], at[3], at[4], at[5], at[6], at[7], at[8], at[9]);
    }

    @SuppressWarnings("unchecked")
    private static Optional<Double>[] points(double base, double... offsets) {
        Optional<Double>[] at = new Optional[10];
        for (int i = 0; i < at.length; i++) {
            at[i] = i < offsets.length ? Optional.of(base + offsets[i]) : Optional.empty();
        }
        return at;
    }

    private static HopReport.Hop hop(String labelStart) {
        return HopReport.HOPS.stream()
                .filter(h -> h.label().startsWith(labelStart))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachHopIsTheTimeBetweenItsTwoInstants() {
        HopReport.Points p = customer(1_000_000, 0, 4, 6, 9, 40, 43, 50, 70, 72, 80);

        assertThat(hop("callback sent -> ingest got it").millis(p)).contains(4.0);
        assertThat(hop("ingest got it -> LoginReceived sent").millis(p)).contains(2.0);
        assertThat(hop("  beside: LoginReceived sent").millis(p)).contains(3.0);
        assertThat(hop("LoginReceived sent -> Flinks data in").millis(p)).contains(34.0);
        assertThat(hop("AttributesReady sent -> visible").millis(p)).contains(8.0);
        assertThat(hop("total:").millis(p)).contains(80.0);
    }

    @Test
    void theChainAddsUpToTheTotalAndLeavesTheSideHopOut() {
        HopReport.Points p = customer(0, 0, 4, 6, 9, 40, 43, 50, 70, 72, 80);

        double chain = HopReport.HOPS.stream()
                .filter(HopReport.Hop::chain)
                .mapToDouble(h -> h.millis(p).orElseThrow())
                .sum();

        assertThat(chain).isEqualTo(80.0);
    }

    @Test
    void aHopMissingAnInstantHasNoFigure() {
        HopReport.Points lost = customer(0, 0, 4, 6);

        assertThat(hop("callback sent -> ingest got it").millis(lost)).contains(4.0);
        assertThat(hop("AccountsReady sent -> visible").millis(lost)).isEmpty();
        assertThat(hop("total:").millis(lost)).isEmpty();
    }

    @Test
    void theFloorAddsEachChainHopsLeastValueAcrossCustomersAndCountsNegativeAsZero() {
        // a is faster on the first hop (1 ms against 5), b on the Flinks hop (10 ms against 30); for c the watcher's
        // read of AttributesReady is stamped before its record's timestamp (-2 ms), which must not lower the floor.
        HopReport.Points a = customer(0, 0, 1, 2, 3, 32, 33, 34, 44, 45, 46);
        HopReport.Points b = customer(0, 0, 5, 6, 7, 16, 17, 18, 28, 29, 30);
        HopReport.Points c = customer(0, 0, 1, 2, 3, 32, 33, 34, 44, 45, 43);

        assertThat(HopReport.floor(List.of(a, b))).isEqualTo(1 + 1 + 10 + 1 + 1 + 10 + 1 + 1);
        assertThat(HopReport.floor(List.of(a, b, c))).isEqualTo(1 + 1 + 10 + 1 + 1 + 10 + 1 + 0);
        assertThat(HopReport.floor(List.of())).isZero();
    }
}
