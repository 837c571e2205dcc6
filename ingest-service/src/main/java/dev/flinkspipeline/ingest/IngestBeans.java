package dev.flinkspipeline.ingest;

import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLoginValidator;
import dev.flinkspipeline.ingest.security.ApiKeys;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Builds the framework-free pieces from configuration; invalid settings fail the start with a clear message. */
public class IngestBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Optional<TagSigner> tagSigner(IngestConfig config, Clock clock) {
        List<String> secrets = config.tag().secrets().orElse(List.of());
        return secrets.isEmpty() ? Optional.empty() : Optional.of(new TagSigner(secrets, config.tag().ttl(), clock));
    }

    @Produces
    @Singleton
    ConnectLoginValidator connectLoginValidator(Optional<TagSigner> tagSigner) {
        return new ConnectLoginValidator(tagSigner);
    }

    @Produces
    @Singleton
    WebhookSignatureVerifier webhookSignatureVerifier(IngestConfig config) {
        return new WebhookSignatureVerifier(config.webhook().secrets().orElse(List.of()));
    }

    @Produces
    @Singleton
    ApiKeys apiKeys(IngestConfig config) {
        return new ApiKeys(config.connect().apiKeys().orElse(List.of()));
    }
}
