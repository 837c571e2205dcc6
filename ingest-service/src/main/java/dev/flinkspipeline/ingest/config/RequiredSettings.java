package dev.flinkspipeline.ingest.config;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * The settings ingest cannot run without and that have no default: where Kafka, the registry and Flinks are, the
 * Flinks credentials, the Connect pages and the HMAC secrets. Checked first at start, before anything connects: a
 * service missing any of them refuses to start with one message naming each by its property and its environment
 * variable. They are optional in {@link IngestConfig} and plain {@code kafka.*} properties, so that this check sees
 * every missing one at once.
 */
@Startup(RequiredSettings.BEFORE_EVERYTHING)
@ApplicationScoped
public class RequiredSettings {

    /** Startup priority: lower starts first, and every other startup bean has the default (2500). */
    static final int BEFORE_EVERYTHING = 1;

    /** Canonical property names. */
    public static final List<String> NAMES = List.of(
            "kafka.bootstrap.servers",
            "kafka.schema.registry.url",
            "ingest.flinks.base-url",
            "ingest.flinks.customer-id",
            "ingest.flinks.secret-key",
            "ingest.connect.iframe-url",
            "ingest.connect.callback-url",
            "ingest.webhook.secrets",
            "ingest.tag.secrets");

    @Inject
    Config config;

    @PostConstruct
    void check() {
        List<String> missing = missing(config);
        if (!missing.isEmpty()) {
            // Quarkus prints a ConfigurationException's message alone, without a stack trace.
            throw new ConfigurationException(message(missing), new LinkedHashSet<>(missing));
        }
    }

    /** Those of {@link #NAMES} that are unset or blank. */
    public static List<String> missing(Config config) {
        return NAMES.stream()
                .filter(name -> config.getOptionalValue(name, String.class)
                        .map(String::isBlank)
                        .orElse(true))
                .toList();
    }

    public static String message(List<String> missing) {
        return "Missing required settings: "
                + missing.stream()
                        .map(name -> name + " (" + environmentVariable(name) + ")")
                        .collect(Collectors.joining(", "));
    }

    /** The variable Quarkus reads for a property: upper case, every other character an underscore. */
    public static String environmentVariable(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
