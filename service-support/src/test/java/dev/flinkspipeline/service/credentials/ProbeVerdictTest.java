package dev.flinkspipeline.service.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksCallObserver;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.sandbox.FlinksSandbox;
import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import dev.flinkspipeline.service.flinks.SandboxClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probes against the sandbox: our keys are taken, wrong ones refused, an unreachable Flinks tells nothing. */
class ProbeVerdictTest {

    private static FlinksSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = FlinksSandbox.start(SandboxConfig.builder().build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ProbeVerdict.Verdict probe(String baseUrl, String secretKey, String apiKey, Credential credential) {
        try (FlinksClient client = SandboxClients.client(baseUrl, secretKey, apiKey, FlinksCallObserver.NONE);
                FlinksCallBudget budget = new FlinksCallBudget(new FlinksCallBudget.Settings(2, 0, 1, 1_000_000))) {
            return SandboxClients.calls(client, budget).probe(credential).join().verdict();
        }
    }

    @Test
    void ourKeysAreAccepted() {
        assertThat(probe(
                        sandbox.baseUrl(),
                        SandboxConfig.TOOLBOX_SECRET_KEY,
                        SandboxConfig.TOOLBOX_API_KEY,
                        Credential.SECRET_KEY))
                .isEqualTo(ProbeVerdict.Verdict.ACCEPTED);
        assertThat(probe(
                        sandbox.baseUrl(),
                        SandboxConfig.TOOLBOX_SECRET_KEY,
                        SandboxConfig.TOOLBOX_API_KEY,
                        Credential.API_KEY))
                .isEqualTo(ProbeVerdict.Verdict.ACCEPTED);
    }

    @Test
    void wrongKeysAreRefused() {
        assertThat(probe(sandbox.baseUrl(), "rotated-secret", SandboxConfig.TOOLBOX_API_KEY, Credential.SECRET_KEY))
                .isEqualTo(ProbeVerdict.Verdict.REFUSED);
        assertThat(probe(sandbox.baseUrl(), SandboxConfig.TOOLBOX_SECRET_KEY, "rotated-api-key", Credential.API_KEY))
                .isEqualTo(ProbeVerdict.Verdict.REFUSED);
    }

    @Test
    void anUnreachableFlinksGivesNoVerdict() {
        assertThat(probe(
                        "http://127.0.0.1:9",
                        SandboxConfig.TOOLBOX_SECRET_KEY,
                        SandboxConfig.TOOLBOX_API_KEY,
                        Credential.SECRET_KEY))
                .isEqualTo(ProbeVerdict.Verdict.UNKNOWN);
        assertThat(probe(
                        "http://127.0.0.1:9",
                        SandboxConfig.TOOLBOX_SECRET_KEY,
                        SandboxConfig.TOOLBOX_API_KEY,
                        Credential.API_KEY))
                .isEqualTo(ProbeVerdict.Verdict.UNKNOWN);
    }
}
