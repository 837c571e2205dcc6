package dev.flinkspipeline.streams.config;

import dev.flinkspipeline.streams.AccountsStreamsApplication;
import dev.flinkspipeline.testkit.spring.RequiredSettings;
import org.junit.jupiter.api.Test;

/** The service as it is packaged, started with nothing set: it stops before anything connects anywhere. */
class RequiredSettingsTest {

    @Test
    void startingWithNothingSetFailsNamingEveryRequiredSetting() {
        RequiredSettings.assertStartFailsNamingExactly(
                AccountsStreamsApplication.class,
                "spring.kafka.bootstrap-servers",
                "pipeline.kafka.schema-registry-url");
    }
}
