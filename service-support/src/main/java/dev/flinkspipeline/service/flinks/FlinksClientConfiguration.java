package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.service.credentials.CredentialsCircuit;
import dev.flinkspipeline.service.credentials.CredentialsGuard;
import dev.flinkspipeline.service.kafka.PipelineKafkaConfiguration;
import dev.flinkspipeline.service.tracing.RecordTraces;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The one wiring of a service to Flinks ({@code flinks.*}): the client with its metrics and spans, the call budget
 * the service shares, the credentials circuit (health {@code flinksCredentials}, part of readiness), the
 * {@link BudgetedFlinksCalls} its jobs make, and its records' trace context. Only in a job service (one that
 * imports {@link PipelineKafkaConfiguration}): accounts-streams shares this jar but never calls Flinks.
 */
@AutoConfiguration
@ConditionalOnBean(PipelineKafkaConfiguration.class)
@EnableConfigurationProperties(FlinksClientProperties.class)
public class FlinksClientConfiguration {

    @Bean(destroyMethod = "close")
    public FlinksClient flinksClient(
            FlinksClientProperties properties, MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        FlinksCallTelemetry telemetry =
                new FlinksCallTelemetry(meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        return new FlinksClient(properties
                .toClientConfig()
                .callListener(telemetry)
                .callObserver(telemetry)
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

    @Bean
    public BudgetedFlinksCalls budgetedFlinksCalls(
            FlinksClient client,
            FlinksCallBudget budget,
            CredentialsGuard guard,
            ObjectProvider<ObservationRegistry> observations) {
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        return new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.NORMAL, guard, registry);
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
            KafkaListenerEndpointRegistry registry,
            MeterRegistry meters) {
        BudgetedFlinksCalls probes =
                new BudgetedFlinksCalls(client, budget, FlinksCallBudget.Lane.HIGH, null, ObservationRegistry.NOOP);
        return new CredentialsGuard(
                circuit,
                probes::probe,
                registry,
                clock.getIfUnique(Clock::systemUTC),
                properties.credentialsCircuit().probeInterval(),
                meters);
    }

    /** DOWN while Flinks refuses one of our credentials (part of readiness), naming the settings to check. */
    @Bean
    public HealthIndicator flinksCredentialsHealthIndicator(CredentialsCircuit circuit) {
        return () -> {
            Set<Credential> refused = circuit.refused();
            if (refused.isEmpty()) {
                return Health.up().withDetail("circuit", "closed").build();
            }
            Health.Builder down = Health.down()
                    .withDetail("circuit", "open")
                    .withDetail(
                            "refused",
                            refused.stream().map(CredentialsGuard::name).toList())
                    .withDetail(
                            "check",
                            refused.stream()
                                    .map(FlinksClientProperties::settingOf)
                                    .toList());
            circuit.openedAt().ifPresent(since -> down.withDetail("openSince", since.toString()));
            return down.build();
        };
    }
}
