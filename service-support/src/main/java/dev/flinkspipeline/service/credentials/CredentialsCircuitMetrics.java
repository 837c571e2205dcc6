package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code flinks.credentials.circuit.open} (gauge, 1 while Flinks refuses one of our credentials) and
 * {@code flinks.credentials.circuit.openings{credential}} (the circuit opened, tagged with the credential
 * that opened it: {@code secret_key} or {@code api_key}).
 */
public final class CredentialsCircuitMetrics implements CircuitListener {

    private final MeterRegistry registry;

    public CredentialsCircuitMetrics(MeterRegistry registry, CredentialsCircuit circuit) {
        this.registry = Objects.requireNonNull(registry, "registry");
        Gauge.builder("flinks.credentials.circuit.open", circuit, c -> c.isOpen() ? 1 : 0)
                .description("1 while Flinks refuses one of our credentials (consumption paused)")
                .register(registry);
    }

    @Override
    public void refused(Credential credential, boolean opened, String evidence) {
        if (opened) {
            Counter.builder("flinks.credentials.circuit.openings")
                    .description("Times the credentials circuit opened, by the credential Flinks refused")
                    .tag("credential", credential.name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
    }

    @Override
    public void closed(Duration openFor) {
        // the gauge follows the circuit
    }
}
