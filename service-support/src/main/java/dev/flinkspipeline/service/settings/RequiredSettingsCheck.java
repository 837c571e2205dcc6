package dev.flinkspipeline.service.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Before any bean is created, collects the {@link RequiredSettings} of every bean class the context defines and
 * fails with one {@link MissingSettingsException} naming all that are unset or blank: a misconfigured service
 * stops at once with the whole list instead of one setting per restart, or of starting against a default that
 * points somewhere else.
 */
public class RequiredSettingsCheck implements BeanFactoryPostProcessor {

    private final ConfigurableEnvironment environment;

    public RequiredSettingsCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        Set<String> required = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanClass(beanFactory, beanFactory.getBeanDefinition(name));
            if (type != null) {
                RequiredSettings settings = AnnotatedElementUtils.findMergedAnnotation(type, RequiredSettings.class);
                if (settings != null) {
                    required.addAll(List.of(settings.value()));
                }
            }
        }
        List<String> missing = missing(required);
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
    }

    /** Those of {@code settings} that are unset or blank in the environment. */
    List<String> missing(Iterable<String> settings) {
        Binder binder = Binder.get(environment);
        List<String> missing = new ArrayList<>();
        for (String setting : settings) {
            // As a list: a single value binds too, and so do indexed ones (bootstrap-servers[0]).
            List<String> values =
                    binder.bind(setting, Bindable.listOf(String.class)).orElse(List.of());
            if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                missing.add(setting);
            }
        }
        return missing;
    }

    /** The class a definition names, without creating anything; null for factory methods and unknown classes. */
    private static Class<?> beanClass(ConfigurableListableBeanFactory beanFactory, BeanDefinition definition) {
        String className = definition.getBeanClassName();
        if (className == null || definition.getFactoryMethodName() != null) {
            return null;
        }
        ClassLoader loader = beanFactory.getBeanClassLoader();
        return ClassUtils.isPresent(className, loader) ? ClassUtils.resolveClassName(className, loader) : null;
    }
}
