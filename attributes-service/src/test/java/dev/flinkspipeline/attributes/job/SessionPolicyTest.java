package dev.flinkspipeline.attributes.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionPolicyTest {

    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(8), Duration.ofMinutes(2));
    private final Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void standardFlowWithARecentRequestIdReusesIt() {
        assertThat(policy.choose(true, now.minusSeconds(30), now)).isEqualTo(SessionPolicy.Choice.REUSE_FRESH);
        assertThat(policy.choose(true, now.minus(Duration.ofMinutes(6)).plusMillis(1), now))
                .isEqualTo(SessionPolicy.Choice.REUSE_FRESH);
    }

    @Test
    void aRequestIdAtOrBeyondIdleTimeoutMinusMarginIsStale() {
        assertThat(policy.choose(true, now.minus(Duration.ofMinutes(6)), now))
                .isEqualTo(SessionPolicy.Choice.AUTHORIZE_STALE);
        assertThat(policy.choose(true, now.minus(Duration.ofHours(3)), now))
                .isEqualTo(SessionPolicy.Choice.AUTHORIZE_STALE);
    }

    @Test
    void webhookFlowAlwaysAuthorizes() {
        assertThat(policy.choose(false, now, now)).isEqualTo(SessionPolicy.Choice.AUTHORIZE_WEBHOOK_FLOW);
        assertThat(SessionPolicy.Choice.AUTHORIZE_WEBHOOK_FLOW.reuse()).isFalse();
    }

    @Test
    void unknownLastUseAuthorizes() {
        assertThat(policy.choose(true, null, now)).isEqualTo(SessionPolicy.Choice.AUTHORIZE_LAST_USE_UNKNOWN);
    }

    @Test
    void smallClockSkewIsToleratedButAFarFutureLastUseIsNotTrusted() {
        assertThat(policy.choose(true, now.plusSeconds(20), now)).isEqualTo(SessionPolicy.Choice.REUSE_FRESH);
        assertThat(policy.choose(true, now.plus(Duration.ofMinutes(5)), now))
                .isEqualTo(SessionPolicy.Choice.AUTHORIZE_LAST_USE_IN_FUTURE);
    }

    @Test
    void marginMustLeaveAWindow() {
        assertThatThrownBy(() -> new SessionPolicy(Duration.ofMinutes(8), Duration.ofMinutes(8)))
                .hasMessageContaining("margin");
        assertThatThrownBy(() -> new SessionPolicy(Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("idle timeout");
    }
}
