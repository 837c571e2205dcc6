package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.ingest.config.IngestConfig;
import dev.flinkspipeline.ingest.retry.Backoff;
import dev.flinkspipeline.ingest.retry.DeadlineRetry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Flinks client used for GenerateAuthorizeToken, when {@code ingest.flinks.customer-id} and
 * {@code ingest.flinks.secret-key} are set; without them {@code /connect/sessions} is closed.
 */
@ApplicationScoped
public class FlinksConnectClient {

    @Inject
    IngestConfig config;

    private volatile FlinksClient client;

    /** The names of the settings /connect/sessions still needs (empty when configured). */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (config.flinks().customerId().isEmpty()) {
            missing.add("ingest.flinks.customer-id");
        }
        if (config.flinks().secretKey().isEmpty()) {
            missing.add("ingest.flinks.secret-key");
        }
        return missing;
    }

    public synchronized Optional<FlinksClient> client() {
        if (client == null && missingSettings().isEmpty()) {
            IngestConfig.Flinks flinks = config.flinks();
            client = FlinksClient.create(FlinksClientConfig.builder()
                    .baseUrl(flinks.baseUrl().orElseThrow())
                    .customerId(flinks.customerId().orElseThrow())
                    .secretKey(flinks.secretKey().orElseThrow())
                    .apiKey(flinks.apiKey())
                    .connectTimeout(flinks.connectTimeout())
                    .requestTimeout(flinks.requestTimeout())
                    .build());
        }
        return Optional.ofNullable(client);
    }

    /** GenerateAuthorizeToken with retries within {@code ingest.flinks.token-retry.deadline}. */
    public Optional<AuthorizeTokens> tokens() {
        return client().map(c -> {
            IngestConfig.Flinks flinks = config.flinks();
            Duration attemptBound =
                    flinks.connectTimeout().plus(flinks.requestTimeout()).plusSeconds(1);
            return new AuthorizeTokens(
                    c,
                    attemptBound,
                    new DeadlineRetry(
                            backoff(),
                            flinks.tokenRetry().deadline(),
                            System::nanoTime,
                            d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()),
                            () -> ThreadLocalRandom.current().nextDouble()));
        });
    }

    /** The backoff between GenerateAuthorizeToken attempts; throws for invalid settings (checked at start). */
    public Backoff backoff() {
        IngestConfig.TokenRetry retry = config.flinks().tokenRetry();
        try {
            return new Backoff(retry.initialDelay(), retry.maxDelay());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ingest.flinks.token-retry: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
