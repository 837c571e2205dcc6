package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.service.credentials.CircuitListener;
import dev.flinkspipeline.service.credentials.CircuitReport;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.credentials.CredentialsCircuitHealthIndicator;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.credentials.FlinksCredentialProbe;
import dev.flinkspipeline.service.credentials.ListenerContainersPause;
import dev.flinkspipeline.service.tracing.ObservedFlinksCalls;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The one wiring of a service to Flinks ({@code flinks.*}): the client with its latency metrics and spans, the
 * call budget everything in the service shares, the credentials circuit (guard, log and metrics, pause of every
 * listener container, health indicator {@code flinksCredentials} for readiness) and {@link BudgetedFlinksCalls},
 * the calls a service's jobs make (budgeted, vetted, traced; {@link BudgetedFlinksCalls#inLane} for scheduled
 * steps). Also the trace context of the service's records, on its {@link ObservationRegistry} (none: no spans).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlinksClientProperties.class)
public class FlinksClientConfiguration {

    @Bean(destroyMethod = "close")
    public FlinksClient flinksClient(
            FlinksClientProperties properties, MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        return new FlinksClient(properties
                .toClientConfig()
                .callListener(new FlinksCallMetrics(meters))
                .callObserver(new ObservedFlinksCalls(observations.getIfAvailable(() -> ObservationRegistry.NOOP)))
                .build());
    }

    @Bean
    public RecordTraces recordTraces(ObjectProvider<ObservationRegistry> observations) {
        return new RecordTraces(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean(destroyMethod = "close")
    public FlinksCallBudget flinksCallBudget(FlinksClientProperties properties, MeterRegistry meters) {
        FlinksCallBudget budget = new FlinksCallBudget(properties.budget());
        Gauge.builder("flinks.budget.in.flight", budget, FlinksCallBudget::inFlight)
                .description("Flinks calls running now")
                .register(meters);
        Gauge.builder("flinks.budget.queued", budget, FlinksCallBudget::queued)
                .description("Flinks calls waiting for the budget")
                .register(meters);
        return budget;
    }

    /** The calls of new work (NORMAL lane), each vetted by the guard and within its caller's trace. */
    @Bean
    public BudgetedFlinksCalls budgetedFlinksCalls(
            FlinksClient client,
            FlinksCallBudget budget,
            CredentialsGuard guard,
            ObjectProvider<ObservationRegistry> observations) {
        return new BudgetedFlinksCalls(
                client,
                budget,
                FlinksCallBudget.Lane.NORMAL,
                guard,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

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
            FlinksClientProperties properties,
            ObjectProvider<Clock> clock,
            List<CircuitListener> listeners) {
        CredentialsGuard guard = new CredentialsGuard(
                circuit,
                new FlinksCredentialProbe(new BudgetedFlinksCalls(client, budget).inLane(FlinksCallBudget.Lane.HIGH)),
                clock.getIfUnique(Clock::systemUTC),
                properties.credentialsCircuit().probeInterval());
        listeners.forEach(guard::addListener);
        return guard;
    }

    @Bean
    public CircuitReport credentialsCircuitReport(
            MeterRegistry meters, CredentialsCircuit circuit, FlinksClientProperties properties) {
        return new CircuitReport(
                meters, circuit, properties.credentialsCircuit().probeInterval());
    }

    @Bean
    public ListenerContainersPause credentialsCircuitPause(KafkaListenerEndpointRegistry registry) {
        return new ListenerContainersPause(registry);
    }

    @Bean
    public CredentialsCircuitHealthIndicator flinksCredentialsHealthIndicator(CredentialsCircuit circuit) {
        return new CredentialsCircuitHealthIndicator(circuit);
    }
}
