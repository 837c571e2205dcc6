package dev.flinkspipeline.service.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class JobPropertiesTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        JobProperties job = bind(Map.of());
        assertThat(job.stepTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(job.failedBatchPause()).isEqualTo(Duration.ofSeconds(1));
        assertThat(job.failedBatchMaxPause()).isEqualTo(Duration.ofSeconds(10));
        assertThat(job.ledgerLoadTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(job.concurrency("logins")).isEqualTo(1);
    }

    @Test
    void concurrencyIsFoundByGroupSuffixFromYamlKeysAndEnvironmentVariables() {
        assertThat(bind(Map.of("pipeline.job.concurrency.webhook-wait", "3")).concurrency("webhook-wait"))
                .isEqualTo(3);
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("PIPELINE_JOB_CONCURRENCY_WEBHOOKWAIT", "4", "PIPELINE_JOB_STEPTIMEOUT", "2m")));
        JobProperties job = Binder.get(environment)
                .bind("pipeline.job", JobProperties.class)
                .get();
        assertThat(job.concurrency("webhook-wait")).isEqualTo(4);
        assertThat(job.concurrency("polls")).isEqualTo(1);
        assertThat(job.stepTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aStepTimeoutThatIsNotPositiveIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("pipeline.job.step-timeout", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("pipeline.job.step-timeout");
    }

    private static JobProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("pipeline.job", JobProperties.class);
    }
}
