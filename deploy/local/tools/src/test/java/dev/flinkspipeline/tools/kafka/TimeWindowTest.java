package dev.flinkspipeline.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void readsInstantsAndDurationsBackFromNow() {
        assertThat(TimeWindow.instant("2026-11-27T05:00:00Z", NOW, "--since"))
                .isEqualTo(Instant.parse("2026-11-27T05:00:00Z"));
        assertThat(TimeWindow.instant("2h", NOW, "--since")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(TimeWindow.instant("15m", NOW, "--since")).isEqualTo(Instant.parse("2026-11-27T11:45:00Z"));
        assertThat(TimeWindow.instant("90s", NOW, "--since")).isEqualTo(Instant.parse("2026-11-27T11:58:30Z"));
        assertThat(TimeWindow.instant("7d", NOW, "--since")).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(TimeWindow.instant("500ms", NOW, "--since")).isEqualTo(Instant.parse("2026-11-27T11:59:59.5Z"));
        assertThat(TimeWindow.instant("PT2H", NOW, "--since")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(TimeWindow.instant(null, NOW, "--since")).isNull();
        assertThatThrownBy(() -> TimeWindow.instant("yesterday", NOW, "--until"))
                .hasMessageContaining("--until")
                .hasMessageContaining("yesterday");
    }

    @Test
    void sinceIsInclusiveUntilExclusive() {
        TimeWindow window = TimeWindow.parse("2h", "1h", NOW);
        assertThat(window.contains(Instant.parse("2026-11-27T10:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-27T10:59:59.999Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-27T11:00:00Z"))).isFalse();
        assertThat(window.contains(Instant.parse("2026-11-27T09:59:59.999Z"))).isFalse();
        assertThat(TimeWindow.ALL.contains(Instant.EPOCH)).isTrue();
        assertThatThrownBy(() -> TimeWindow.parse("1h", "2h", NOW))
                .hasMessageContaining("--since must be before --until");
    }
}
