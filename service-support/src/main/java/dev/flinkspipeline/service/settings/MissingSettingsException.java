package dev.flinkspipeline.service.settings;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Required settings are unset: the message names each one by its property and its environment variable. */
public class MissingSettingsException extends RuntimeException {

    private final List<String> settings;

    public MissingSettingsException(List<String> settings) {
        super("Missing required settings: "
                + settings.stream()
                        .map(s -> s + " (" + environmentVariable(s) + ")")
                        .collect(Collectors.joining(", ")));
        this.settings = List.copyOf(settings);
    }

    /** The missing settings, by property name. */
    public List<String> settings() {
        return settings;
    }

    /** Spring Boot's relaxed binding: upper case, dots to underscores, dashes removed. */
    public static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Reports it as a short start failure, without a stack trace (META-INF/spring.factories). */
    public static class Analyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
            return new FailureAnalysis(
                    cause.getMessage(),
                    "Set each of them, as an environment variable or a property (docs/configuration.md lists every"
                            + " setting).",
                    cause);
        }
    }
}
