package dev.flinkspipeline.e2e;

import dev.flinkspipeline.tools.stack.Component;
import dev.flinkspipeline.tools.stack.ServiceJars;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a {@link RequiresParts} test class only while a part it needs does not produce a runnable artifact
 * (in a reactor build, a module that fails to build stops the build before the e2e tests, so a skip here
 * means the module does not build a runnable jar at all yet).
 */
public final class PartsCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Component> needed = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresParts.class))
                .map(a -> List.of(a.value()))
                .orElse(List.of());
        ServiceJars jars = new ServiceJars(E2eStack.projectRoot());
        List<String> notLanded = needed.stream()
                .filter(c -> !jars.isRunnable(c))
                .map(c -> c.moduleDir())
                .toList();
        if (notLanded.isEmpty()) {
            return ConditionEvaluationResult.enabled("every needed part is packaged");
        }
        return ConditionEvaluationResult.disabled("skipped until " + String.join(", ", notLanded)
                + " builds a runnable jar: this end-to-end test runs it as a process");
    }

    static Stream<Component> all() {
        return Stream.of(Component.values());
    }
}
