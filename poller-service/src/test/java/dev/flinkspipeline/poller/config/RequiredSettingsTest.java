package dev.flinkspipeline.poller.config;

import dev.flinkspipeline.poller.PollerApplication;
import dev.flinkspipeline.testkit.spring.RequiredSettings;
import org.junit.jupiter.api.Test;

/** The service as it is packaged, started with nothing set: it stops before anything connects anywhere. */
class RequiredSettingsTest {

    @Test
    void startingWithNothingSetFailsNamingEveryRequiredSetting() {
        RequiredSettings.assertStartFailsNamingExactly(
                PollerApplication.class,
                "spring.kafka.bootstrap-servers",
                "pipeline.kafka.schema-registry-url",
                "flinks.base-url",
                "flinks.customer-id",
                "flinks.secret-key",
                "flinks.api-key");
    }
}
