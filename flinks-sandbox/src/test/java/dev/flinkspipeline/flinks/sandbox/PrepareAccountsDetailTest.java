package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pre-generated GetAccountsDetail bodies and the configurable bound of their cache. */
class PrepareAccountsDetailTest {

    static FlinksSandbox sandbox;
    static Http http;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder()
                .pendingPolls(0)
                .accountsDetailCacheBytes(8L << 20)
                .build());
        http = new Http(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aLoginPreparedAtCreationIsInTheCacheAndAnswersTheSameBytes() {
        long before = sandbox.state().accountsDetails().bytes();
        Http.Answer created = http.admin("POST", "/logins", "{\"fireWebhooks\":false,\"prepare\":true}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String loginId = created.json().get("loginId").asText();
        int prepared = created.json().get("preparedBytes").asInt();
        assertThat(prepared).isPositive();
        assertThat(sandbox.state().accountsDetails().bytes()).isEqualTo(before + prepared);

        // What the poller asks for: everything, Days90, no statements; served from the prepared body.
        String rid = http.requestId(loginId);
        Http.Answer gad = http.gad("{\"RequestId\":\"" + rid + "\",\"WithAccountIdentity\":true,\"WithKYC\":true,"
                + "\"WithTransactions\":true,\"DaysOfTransactions\":\"Days90\"}");
        assertThat(gad.status()).isEqualTo(200);
        assertThat(sandbox.state().accountsDetails().bytes()).isEqualTo(before + prepared);
        String username = created.json().get("username").asText();
        byte[] expected = sandbox.dataGenerator()
                .accountsDetailBytes(loginId, username, GadOptions.full(DaysOfTransactions.Days90), rid);
        assertThat(gad.text().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void anExistingLoginCanBePreparedForOtherOptions() {
        Http.Answer created = http.admin("POST", "/logins", "{\"fireWebhooks\":false}");
        assertThat(created.json().has("preparedBytes")).isFalse();
        String loginId = created.json().get("loginId").asText();
        Http.Answer all = http.admin("POST", "/logins/" + loginId + "/prepare", null);
        Http.Answer noTransactions =
                http.admin("POST", "/logins/" + loginId + "/prepare", "{\"withTransactions\":false}");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        assertThat(noTransactions.status()).as(noTransactions.text()).isEqualTo(200);
        assertThat(noTransactions.json().get("preparedBytes").asInt())
                .isPositive()
                .isLessThan(all.json().get("preparedBytes").asInt());
    }

    @Test
    void badPrepareRequestsAreClearErrors() {
        assertThat(http.admin("POST", "/logins/unknown/prepare", null).status()).isEqualTo(404);
        Http.Answer bad = http.admin("POST", "/logins", "{\"prepare\":\"soon\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Message").asText()).contains("prepare");
    }

    @Test
    void theCacheBoundIsASettingWithTheOldDefault() {
        assertThat(SandboxConfig.builder().build().accountsDetailCacheBytes()).isEqualTo(64L << 20);
        assertThat(sandbox.config().accountsDetailCacheBytes()).isEqualTo(8L << 20);
        assertThat(SandboxConfig.parseBytes("512m")).isEqualTo(512L << 20);
        assertThat(SandboxConfig.parseBytes("1g")).isEqualTo(1L << 30);
        assertThat(SandboxConfig.parseBytes("64MB")).isEqualTo(64L << 20);
        assertThat(SandboxConfig.parseBytes("1000")).isEqualTo(1000L);
        assertThatThrownBy(() -> SandboxConfig.parseBytes("lots")).isInstanceOf(NumberFormatException.class);
        String property = "sandbox.accounts.detail.cache.bytes";
        System.setProperty(property, "256m");
        try {
            assertThat(SandboxConfig.fromEnvironment().accountsDetailCacheBytes())
                    .isEqualTo(256L << 20);
        } finally {
            System.clearProperty(property);
        }
    }
}
