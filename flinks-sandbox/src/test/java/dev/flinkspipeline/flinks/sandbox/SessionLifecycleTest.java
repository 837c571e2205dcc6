package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {

    static final String NOMFA = LoginDataGenerator.loginIdForUsername("greatday_nomfa");

    @Test
    void aRequestIdInUseStillEndsAtTheProcessingCap() throws Exception {
        try (FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .requestIdIdleTimeout(Duration.ofSeconds(10))
                .requestIdMaxLifetime(Duration.ofMillis(400))
                .build())) {
            Http http = new Http(sandbox);
            String rid = http.requestId(NOMFA);
            long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
            while (System.nanoTime() < until) {
                assertThat(http.async(rid).status()).isEqualTo(200);
                Thread.sleep(50);
            }
            Thread.sleep(200);
            Http.Answer ended = http.async(rid);
            assertThat(ended.status()).isEqualTo(400);
            assertThat(ended.json().get("FlinksCode").asText()).isEqualTo("SESSION_NONEXISTENT");
        }
    }

    @Test
    void apiKeyEnforcementCanBeSwitchedOffAndTimeBeforeReadyApplies() throws Exception {
        try (FlinksSandbox sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .enforceApiKey(false)
                .pendingPolls(0)
                .pendingTime(Duration.ofMillis(300))
                .build())) {
            Http http = new Http(sandbox);
            String loginId =
                    http.admin("POST", "/logins", "{}").json().get("loginId").asText();
            String rid = http.requestId(loginId);
            String url = http.api + "/BankingServices/GetAccountsDetailAsync/" + rid;
            assertThat(http.get(url).status()).isEqualTo(202); // no x-api-key at all
            Thread.sleep(350);
            assertThat(http.get(url, "x-api-key", "anything").status()).isEqualTo(200);
        }
    }
}
