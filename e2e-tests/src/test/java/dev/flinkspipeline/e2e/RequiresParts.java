package dev.flinkspipeline.e2e;

import dev.flinkspipeline.tools.stack.Component;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The parts of the pipeline a test class needs. While a part's module does not build a runnable jar yet, the
 * class is skipped with a message naming it; from the day it does, the test runs.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PartsCondition.class)
public @interface RequiresParts {
    Component[] value();
}
