package dev.flinkspipeline.service.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports missing settings as a short start failure, without a stack trace (META-INF/spring.factories). */
public class MissingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingsException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set each of them, as an environment variable or a property (docs/configuration.md lists every"
                        + " setting).",
                cause);
    }
}
