package dev.flinkspipeline.ingest.binding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the tag bindings are loaded: an instance that has not read the claims of the sessions
 * still open would keep its callbacks waiting (they are decided only once the log is read past them).
 */
@Readiness
@ApplicationScoped
public class TagBindingsReadiness implements HealthCheck {

    @Inject
    TagBindings bindings;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tag-bindings")
                .status(bindings.caughtUp())
                .build();
    }
}
