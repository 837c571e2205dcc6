package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.service.flinks.FlinksClientProperties;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * DOWN while Flinks refuses one of our credentials: the instance takes no work then, and an operator has a
 * setting to fix (named in the details, never its value). Part of readiness.
 */
public class CredentialsCircuitHealthIndicator extends AbstractHealthIndicator {

    private final CredentialsCircuit circuit;

    public CredentialsCircuitHealthIndicator(CredentialsCircuit circuit) {
        super("Flinks credentials health check failed");
        this.circuit = Objects.requireNonNull(circuit, "circuit");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Set<Credential> refused = circuit.refused();
        if (refused.isEmpty()) {
            builder.up().withDetail("circuit", "closed");
            return;
        }
        builder.down()
                .withDetail("circuit", "open")
                .withDetail(
                        "refused", refused.stream().map(CredentialsGuard::name).toList())
                .withDetail(
                        "check",
                        refused.stream().map(FlinksClientProperties::settingOf).toList());
        circuit.openedAt().ifPresent(since -> builder.withDetail("openSince", since.toString()));
    }
}
