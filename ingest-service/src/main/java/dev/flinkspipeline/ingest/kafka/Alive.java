package dev.flinkspipeline.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is deliberately trivial: the process answers HTTP. A Kafka outage must not get the service
 * restarted (it would lose nothing but gain nothing either); readiness reports it instead.
 */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("ingest");
    }
}
