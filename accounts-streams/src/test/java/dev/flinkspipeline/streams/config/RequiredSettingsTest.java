package dev.flinkspipeline.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flinkspipeline.service.settings.MissingSettingsException;
import dev.flinkspipeline.streams.AccountsStreamsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/** The service as it is packaged, started with nothing set: it stops before anything connects anywhere. */
class RequiredSettingsTest {

    @Test
    void startingWithNothingSetFailsNamingEveryRequiredSetting() {
        MissingSettingsException failure = catchThrowableOfType(
                MissingSettingsException.class,
                () -> new SpringApplication(AccountsStreamsApplication.class).run("--server.port=0"));

        assertThat(failure.settings())
                .containsExactlyInAnyOrder("spring.kafka.bootstrap-servers", "pipeline.kafka.schema-registry-url");
        assertThat(failure.getMessage())
                .startsWith("Missing required settings: ")
                .contains("spring.kafka.bootstrap-servers (SPRING_KAFKA_BOOTSTRAPSERVERS)")
                .contains("pipeline.kafka.schema-registry-url (PIPELINE_KAFKA_SCHEMAREGISTRYURL)");
    }
}
