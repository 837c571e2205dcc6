package dev.flinkspipeline.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.ingest.config.RequiredSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged service started with nothing set: it exits before anything connects, naming every missing setting. */
class RequiredSettingsIT {

    @Test
    void startingWithNothingSetFailsNamingEveryRequiredSetting() throws Exception {
        try (IngestProcess ingest = IngestProcess.start("ingest-nothing-set", Map.of())) {
            assertThat(ingest.awaitExit(Duration.ofMinutes(2))).isNotZero();
            String output = ingest.output();
            assertThat(output)
                    .contains("Missing required settings: kafka.bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS), "
                            + "kafka.schema.registry.url (KAFKA_SCHEMA_REGISTRY_URL), "
                            + "ingest.flinks.base-url (INGEST_FLINKS_BASE_URL), "
                            + "ingest.flinks.customer-id (INGEST_FLINKS_CUSTOMER_ID), "
                            + "ingest.flinks.secret-key (INGEST_FLINKS_SECRET_KEY), "
                            + "ingest.connect.iframe-url (INGEST_CONNECT_IFRAME_URL), "
                            + "ingest.connect.callback-url (INGEST_CONNECT_CALLBACK_URL), "
                            + "ingest.webhook.secrets (INGEST_WEBHOOK_SECRETS), "
                            + "ingest.tag.secrets (INGEST_TAG_SECRETS)")
                    // Nothing tried to reach a broker first.
                    .doesNotContain("Kafka producer started");
        }
    }

    @Test
    void onlyTheSettingsLeftUnsetOrBlankAreNamed() throws Exception {
        Map<String, String> settings = new HashMap<>(IngestProcess.requiredSettings());
        settings.put("kafka.bootstrap.servers", "127.0.0.1:9");
        settings.remove("ingest.tag.secrets");
        settings.put("ingest.webhook.secrets", " ");
        try (IngestProcess ingest = IngestProcess.start("ingest-some-set", settings)) {
            assertThat(ingest.awaitExit(Duration.ofMinutes(2))).isNotZero();
            assertThat(ingest.output())
                    .contains(RequiredSettings.message(
                            List.of("kafka.schema.registry.url", "ingest.webhook.secrets", "ingest.tag.secrets")));
        }
    }
}
