package dev.flinkspipeline.service.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings without a default a service cannot run without, on a class that becomes a bean, by canonical name
 * ({@code flinks.base-url}): the service refuses to start while any is unset or blank ({@link RequiredSettingsCheck}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredSettings {

    /** Canonical property names, e.g. {@code spring.kafka.bootstrap-servers}. */
    String[] value();
}
