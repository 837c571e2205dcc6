package dev.flinkspipeline.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.sandbox.SandboxConfig;
import java.util.List;

/** The keys the credentials-circuit tests give the sandbox: a service's log must never show one. */
public final class SandboxKeys {

    public static final String ROTATED_API_KEY = "rotated-api-key";
    public static final String ROTATED_SECRET_KEY = "rotated-secret-key";

    private SandboxKeys() {}

    /** {@code errorLines} is not empty and names no key, rotated or accepted. */
    public static void assertNoKeyIn(List<String> errorLines) {
        assertThat(errorLines)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain(ROTATED_SECRET_KEY)
                        .doesNotContain(ROTATED_API_KEY)
                        .doesNotContain(SandboxConfig.TOOLBOX_SECRET_KEY)
                        .doesNotContain(SandboxConfig.TOOLBOX_API_KEY));
    }
}
