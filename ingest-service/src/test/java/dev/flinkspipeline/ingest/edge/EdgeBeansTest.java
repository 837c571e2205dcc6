package dev.flinkspipeline.ingest.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeBeansTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void theDefaultBudgetIsAnEighthOfTheHeapAndNeverBelowTheLargestBody() {
        assertThat(EdgeBeans.budgetCapacity(Optional.empty(), 1024 * MIB, 32 * MIB))
                .isEqualTo(128 * MIB);
        assertThat(EdgeBeans.budgetCapacity(Optional.empty(), 256 * MIB, 32 * MIB))
                .isEqualTo(32 * MIB);
        assertThat(EdgeBeans.budgetCapacity(Optional.empty(), 128 * MIB, 32 * MIB))
                .isEqualTo(32 * MIB);
        assertThat(EdgeBeans.budgetCapacity(Optional.of(40 * MIB), 4096 * MIB, 32 * MIB))
                .isEqualTo(40 * MIB);
        assertThatThrownBy(() -> EdgeBeans.budgetCapacity(Optional.of(16 * MIB), 4096 * MIB, 32 * MIB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest.http.body-budget");
    }

    @Test
    void theIdleTimeoutMustOutlastTheLongestWait() {
        Duration flinks = Duration.ofSeconds(21);
        assertThatCode(() -> EdgeBeans.checkIdleTimeout(Duration.ofSeconds(30), Duration.ofSeconds(10), flinks))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EdgeBeans.checkIdleTimeout(Duration.ofSeconds(20), Duration.ofSeconds(10), flinks))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.http.idle-timeout")
                .hasMessageContaining("PT21S");
    }

    @Test
    void theHeaderTimeoutMustBePositive() {
        assertThat(EdgeBeans.checkHeaderTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> EdgeBeans.checkHeaderTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest.http.header-timeout");
    }

    @Test
    void http2MustBeOff() {
        assertThatCode(() -> EdgeBeans.checkHttp1Only(false)).doesNotThrowAnyException();
        assertThatThrownBy(() -> EdgeBeans.checkHttp1Only(true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarkus.http.http2");
    }
}
