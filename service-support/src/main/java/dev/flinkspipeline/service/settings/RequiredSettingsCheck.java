package dev.flinkspipeline.service.settings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Before any bean is created (META-INF/spring.factories), collects the {@link RequiredSettings} of every bean class
 * the context defines and fails with one {@link MissingSettingsException} naming all that are unset or blank (and
 * first, naming them, when {@link RetiredSettings} are set).
 * Hand-written: {@code @Validated} fails per bean, one at a time, and cannot see {@code spring.kafka.bootstrap-servers}
 * (Boot defaults it to localhost); an operator gets the whole list at once, before anything connects.
 */
public class RequiredSettingsCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.addBeanFactoryPostProcessor(beanFactory -> check(beanFactory, context.getEnvironment()));
    }

    private static void check(ConfigurableListableBeanFactory beanFactory, Environment environment) {
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
        Binder binder = Binder.get(environment);
        RetiredSettings.check(binder);
        List<String> missing = new ArrayList<>();
        for (String setting : required) {
            // As a list: a single value binds too, and so do indexed ones (bootstrap-servers[0]).
            List<String> values =
                    binder.bind(setting, Bindable.listOf(String.class)).orElse(List.of());
            if (values.stream().allMatch(v -> v == null || v.isBlank())) {
                missing.add(setting);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingSettingsException(missing);
        }
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
