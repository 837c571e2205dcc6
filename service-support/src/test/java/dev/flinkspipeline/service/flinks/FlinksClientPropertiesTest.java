package dev.flinkspipeline.service.flinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code flinks.budget.*} keys bind straight to the budget's settings, unset ones to their defaults. */
class FlinksClientPropertiesTest {

    private static FlinksCallBudget.Settings budget(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("flinks", FlinksClientProperties.class)
                .budget();
    }

    @Test
    void budgetKeysBindAndDefault() {
        assertThat(budget(Map.of())).isEqualTo(new FlinksCallBudget.Settings(32, 0, 50, 100_000));
        assertThat(budget(Map.of("flinks.budget.max-in-flight", "6", "flinks.budget.requests-per-second", "2.5")))
                .isEqualTo(new FlinksCallBudget.Settings(6, 2.5, 50, 100_000));
    }
}
