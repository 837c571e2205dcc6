package dev.flinkspipeline.service.settings;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings a service cannot run without and that have no default (where to reach Flinks, Kafka and the registry,
 * and the credentials): on a class that becomes a bean (a {@code @ConfigurationProperties} record, a
 * configuration), each name in its canonical form ({@code flinks.base-url}). The service refuses to start while any
 * of them is unset or blank, naming every missing one at once ({@link RequiredSettingsCheck}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiredSettings {

    /** Canonical property names, e.g. {@code spring.kafka.bootstrap-servers}. */
    String[] value();
}
