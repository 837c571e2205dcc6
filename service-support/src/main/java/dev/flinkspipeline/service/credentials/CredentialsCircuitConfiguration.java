package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.service.flinks.BudgetedFlinksCalls;
import dev.flinkspipeline.service.flinks.FlinksCallBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The credentials circuit of a service: import it and define a {@link CredentialsCircuitSettings} bean (and the
 * service's {@link FlinksClient} and {@link FlinksCallBudget}); then pass the {@link CredentialsGuard} to the
 * service's {@link BudgetedFlinksCalls}. Beans: the circuit, the guard, its listeners (log, pause of every listener
 * container, metrics) and the health indicator {@code flinksCredentials} (add it to the readiness group).
 */
@Configuration(proxyBeanMethods = false)
public class CredentialsCircuitConfiguration {

    @Bean
    public CredentialsCircuit credentialsCircuit() {
        return new CredentialsCircuit();
    }

    /** Probes go first in the budget: every job that met the fault waits for the verdict. */
    @Bean(destroyMethod = "close")
    public CredentialsGuard credentialsGuard(
            CredentialsCircuit circuit,
            FlinksClient client,
            FlinksCallBudget budget,
            CredentialsCircuitSettings settings,
            ObjectProvider<Clock> clock,
            List<CircuitListener> listeners) {
        CredentialsGuard guard = new CredentialsGuard(
                circuit,
                new FlinksCredentialProbe(new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.HIGH)),
                clock.getIfUnique(Clock::systemUTC),
                settings.probeInterval());
        listeners.forEach(guard::addListener);
        return guard;
    }

    @Bean
    public CircuitLog credentialsCircuitLog(CredentialsCircuitSettings settings) {
        return new CircuitLog(settings);
    }

    @Bean
    public ListenerContainersPause credentialsCircuitPause(KafkaListenerEndpointRegistry registry) {
        return new ListenerContainersPause(registry);
    }

    @Bean
    public CredentialsCircuitMetrics credentialsCircuitMetrics(MeterRegistry registry, CredentialsCircuit circuit) {
        return new CredentialsCircuitMetrics(registry, circuit);
    }

    @Bean
    public CredentialsCircuitHealthIndicator flinksCredentialsHealthIndicator(
            CredentialsCircuit circuit, CredentialsCircuitSettings settings) {
        return new CredentialsCircuitHealthIndicator(circuit, settings);
    }
}
