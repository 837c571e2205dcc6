package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.ingest.config.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                    .baseUrl(flinks.baseUrl())
                    .customerId(flinks.customerId().orElseThrow())
                    .secretKey(flinks.secretKey().orElseThrow())
                    .apiKey(flinks.apiKey())
                    .connectTimeout(flinks.connectTimeout())
                    .requestTimeout(flinks.requestTimeout())
                    .build());
        }
        return Optional.ofNullable(client);
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
