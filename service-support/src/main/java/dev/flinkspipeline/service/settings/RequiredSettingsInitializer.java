package dev.flinkspipeline.service.settings;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Adds the {@link RequiredSettingsCheck} to every application context of a service (META-INF/spring.factories). */
public class RequiredSettingsInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(new RequiredSettingsCheck(context.getEnvironment()));
    }
}
