package dev.flinkspipeline.ingest;

import dev.flinkspipeline.events.FlinksFlow;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.connect.ConnectLoginValidator;
import dev.flinkspipeline.ingest.connect.ConnectSessions;
import dev.flinkspipeline.ingest.connect.FlinksConnectClient;
import dev.flinkspipeline.ingest.flow.FlowNames;
import dev.flinkspipeline.ingest.http.RetryPages;
import dev.flinkspipeline.ingest.security.AllowedOrigins;
import dev.flinkspipeline.ingest.security.ApiKeys;
import dev.flinkspipeline.ingest.security.TagSigner;
import dev.flinkspipeline.ingest.security.TagUserReferences;
import dev.flinkspipeline.ingest.security.WebhookSignatureVerifier;
import dev.flinkspipeline.ingest.webhook.WebhookMapper;
import dev.flinkspipeline.schemas.snapshot.AccountsReadySplitter;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
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
        return secrets.isEmpty()
                ? Optional.empty()
                : Optional.of(new TagSigner(secrets, config.tag().ttl(), clock));
    }

    @Produces
    @Singleton
    ConnectSessions connectSessions(IngestConfig config, Optional<TagSigner> tagSigner) {
        return new ConnectSessions(tagSigner, defaultFlow(config.flow().defaultFlow()));
    }

    @Produces
    @Singleton
    ConnectLoginValidator connectLoginValidator(ConnectSessions sessions) {
        return new ConnectLoginValidator(sessions);
    }

    @Produces
    @Singleton
    WebhookMapper webhookMapper(Optional<TagSigner> tagSigner) {
        return new WebhookMapper(new TagUserReferences(tagSigner));
    }

    /** Cuts a GetAccountsDetail webhook's AccountsReady larger than one record into parts. */
    @Produces
    @Singleton
    AccountsReadySplitter accountsReadySplitter(IngestConfig config) {
        return new AccountsReadySplitter(config.webhook().maxRecordBytes());
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

    @Produces
    @Singleton
    AllowedOrigins allowedOrigins(IngestConfig config) {
        return new AllowedOrigins(config.connect().allowedOrigins().orElse(List.of()));
    }

    /** Builds the configured pieces at start, so that an invalid setting fails the start, not a request. */
    void checkSettings(
            @Observes StartupEvent start,
            ConnectSessions sessions,
            WebhookSignatureVerifier verifier,
            ApiKeys apiKeys,
            FlinksConnectClient flinks,
            AllowedOrigins origins,
            RetryPages retryPages) {
        flinks.backoff();
        retryPages.backoff();
    }

    static FlinksFlow defaultFlow(String setting) {
        try {
            return FlowNames.parse(setting.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "ingest.flow.default (INGEST_FLOW_DEFAULT) must be 'standard' or 'webhook'");
        }
    }
}
