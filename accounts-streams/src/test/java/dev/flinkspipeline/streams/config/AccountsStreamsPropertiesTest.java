package dev.flinkspipeline.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.streams.topology.TopologySettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AccountsStreamsPropertiesTest {

    @Test
    void theDefaultsAreTheTopologysDefaults() {
        AccountsStreamsProperties properties = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("accounts-streams", AccountsStreamsProperties.class);

        assertThat(properties.toSettings()).isEqualTo(TopologySettings.defaults());
        assertThat(properties.instanceId()).isNull();
        assertThat(properties.topics().create())
                .as("topics are declared from the plan, not created")
                .isFalse();
        assertThat(properties.topics().replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void theEnvironmentSetsThemByRelaxedBinding() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.<String, Object>of(
                                "ACCOUNTSSTREAMS_INSTANCEID",
                                "accounts-streams-0",
                                "ACCOUNTSSTREAMS_TOPICS_CREATE",
                                "true",
                                "ACCOUNTSSTREAMS_MARKRETENTION",
                                "30d")));

        AccountsStreamsProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("accounts-streams", AccountsStreamsProperties.class);

        assertThat(properties.instanceId()).isEqualTo("accounts-streams-0");
        assertThat(properties.topics().create()).isTrue();
        assertThat(properties.markRetention()).isEqualTo(Duration.ofDays(30));
    }
}
