package dev.flinkspipeline.service.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flinkspipeline.service.flinks.FlinksClientConfiguration;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class RequiredSettingsCheckTest {

    /** What a job service imports from service-support. */
    @Configuration(proxyBeanMethods = false)
    @Import({PipelineKafkaConfiguration.class, FlinksClientConfiguration.class})
    static class JobService {}

    @Test
    void nothingSetFailsOnceNamingEverySettingAndItsVariable() {
        MissingSettingsException failure = start();

        assertThat(failure.settings())
                .containsExactlyInAnyOrder(
                        "spring.kafka.bootstrap-servers",
                        "pipeline.kafka.schema-registry-url",
                        "flinks.base-url",
                        "flinks.customer-id",
                        "flinks.secret-key",
                        "flinks.api-key");
        assertThat(failure.getMessage())
                .startsWith("Missing required settings: ")
                .contains("spring.kafka.bootstrap-servers (SPRING_KAFKA_BOOTSTRAPSERVERS)")
                .contains("pipeline.kafka.schema-registry-url (PIPELINE_KAFKA_SCHEMAREGISTRYURL)")
                .contains("flinks.base-url (FLINKS_BASEURL)")
                .contains("flinks.customer-id (FLINKS_CUSTOMERID)")
                .contains("flinks.secret-key (FLINKS_SECRETKEY)")
                .contains("flinks.api-key (FLINKS_APIKEY)");
    }

    @Test
    void onlyTheSettingsLeftUnsetOrBlankAreNamed() {
        MissingSettingsException failure = start(
                "--spring.kafka.bootstrap-servers[0]=broker-1:9092",
                "--pipeline.kafka.schema-registry-url=http://registry:8080",
                "--flinks.base-url=https://flinks.example",
                "--flinks.customer-id= ",
                "--flinks.secret-key=secret");

        assertThat(failure.settings()).containsExactly("flinks.customer-id", "flinks.api-key");
        // Names only: a value, secret or not, never reaches the message.
        assertThat(failure.getMessage()).doesNotContain("broker-1").doesNotContain("secret");
    }

    @Test
    void environmentVariablesAreSpringsRelaxedNames() {
        assertThat(MissingSettingsException.environmentVariable("pipeline.kafka.schema-registry-user-info"))
                .isEqualTo("PIPELINE_KAFKA_SCHEMAREGISTRYUSERINFO");
    }

    @Test
    void aRetiredSettingRefusesTheStartNamingItsReplacement() {
        SpringApplication application = new SpringApplication(JobService.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("attributes.attempt-timeout", "5s"));

        IllegalStateException failure = catchThrowableOfType(
                IllegalStateException.class, () -> application.run("--poller.consumer.group-id=mine"));

        assertThat(failure.getMessage())
                .contains("poller.consumer.group-id (POLLER_CONSUMER_GROUPID) is now spring.kafka.consumer.group-id")
                .contains("attributes.attempt-timeout (ATTRIBUTES_ATTEMPTTIMEOUT) is now pipeline.job.step-timeout")
                .doesNotContain("mine");
    }

    private static MissingSettingsException start(String... args) {
        SpringApplication application = new SpringApplication(JobService.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return catchThrowableOfType(MissingSettingsException.class, () -> application.run(args));
    }
}
