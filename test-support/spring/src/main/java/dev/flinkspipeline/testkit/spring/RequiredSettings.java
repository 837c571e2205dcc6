package dev.flinkspipeline.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flinkspipeline.service.settings.MissingSettingsException;
import java.util.Locale;
import org.assertj.core.api.AbstractStringAssert;
import org.springframework.boot.SpringApplication;

/** The fail-fast check of a packaged service started with nothing set: it stops before connecting anywhere. */
public final class RequiredSettings {

    private RequiredSettings() {}

    /**
     * Starts {@code application} (its Spring Boot main class) with nothing set and asserts that it fails naming
     * exactly {@code required}, each by its property and the environment variable an operator would set.
     */
    public static void assertStartFailsNamingExactly(Class<?> application, String... required) {
        MissingSettingsException failure = catchThrowableOfType(
                MissingSettingsException.class, () -> new SpringApplication(application).run("--server.port=0"));

        assertThat(failure.settings()).containsExactlyInAnyOrder(required);
        AbstractStringAssert<?> message = assertThat(failure.getMessage()).startsWith("Missing required settings: ");
        for (String setting : required) {
            message.contains(setting + " (" + environmentVariable(setting) + ")");
        }
    }

    /** Spring Boot's relaxed binding: upper case, dots to underscores, dashes removed. */
    private static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
