package dev.flinkspipeline.service.flinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.FailureClass;
import dev.flinkspipeline.flinks.client.FailureKind;
import dev.flinkspipeline.flinks.client.FlinksOperation;
import dev.flinkspipeline.flinks.client.FlinksResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlinksCallMetricsTest {

    @Test
    void timesCallsByEndpointStatusOutcomeAndCode() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FlinksCallMetrics metrics = new FlinksCallMetrics(registry);
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                new FlinksResult.Pending<>("OPERATION_PENDING", "r1", "still"),
                Duration.ofMillis(12));
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL_ASYNC,
                new FlinksResult.Pending<>("OPERATION_PENDING", "r2", "still"),
                Duration.ofMillis(8));
        metrics.onCompleted(
                FlinksOperation.AUTHORIZE,
                new FlinksResult.Failure<>(
                        FlinksOperation.AUTHORIZE,
                        FailureClass.TERMINAL,
                        FailureKind.FLINKS_ERROR,
                        "DISABLED_LOGIN",
                        401,
                        "disabled",
                        null,
                        null),
                Duration.ofMillis(3));
        metrics.onCompleted(
                FlinksOperation.GET_ACCOUNTS_DETAIL,
                new FlinksResult.Failure<>(
                        FlinksOperation.GET_ACCOUNTS_DETAIL,
                        FailureClass.RETRY_LATER,
                        FailureKind.TIMEOUT,
                        null,
                        0,
                        "timed out",
                        "r3",
                        null),
                Duration.ofSeconds(30));

        Timer pending = registry.get(FlinksCallMetrics.NAME)
                .tag("endpoint", "GetAccountsDetailAsync")
                .tag("status", "202")
                .tag("outcome", "pending")
                .tag("flinks_code", "OPERATION_PENDING")
                .timer();
        assertThat(pending.count()).isEqualTo(2);
        assertThat(registry.get(FlinksCallMetrics.NAME)
                        .tag("endpoint", "Authorize")
                        .tag("status", "401")
                        .tag("outcome", "terminal")
                        .tag("flinks_code", "DISABLED_LOGIN")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(FlinksCallMetrics.NAME)
                        .tag("endpoint", "GetAccountsDetail")
                        .tag("status", "none")
                        .tag("outcome", "retry_later")
                        .tag("flinks_code", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
