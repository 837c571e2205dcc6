package dev.flinkspipeline.service.settings;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * The variable Spring Boot's relaxed binding reads for a canonical property name: upper case, dots to
     * underscores, dashes removed ({@code flinks.base-url} to {@code FLINKS_BASEURL}).
     */
    public static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
