package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksClient;
import dev.flinkspipeline.service.credentials.CredentialsCircuitConfiguration;
import dev.flinkspipeline.service.credentials.CredentialsCircuitSettings;
import dev.flinkspipeline.service.tracing.ObservedFlinksCalls;
import dev.flinkspipeline.service.tracing.RecordTraces;
import dev.flinkspipeline.service.tracing.TraceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The Flinks client of a service, its latency metrics and spans, the one call budget everything in the
 * service shares and the credentials circuit ({@link CredentialsCircuitConfiguration}); and the trace context
 * of the service's records ({@link RecordTraces}, {@link TraceContext}), on the service's
 * {@link ObservationRegistry} (none: no spans). Import it
 * ({@code @Import(FlinksClientConfiguration.class)}) and set {@code flinks.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FlinksClientProperties.class)
@Import(CredentialsCircuitConfiguration.class)
public class FlinksClientConfiguration {

    @Bean
    public CredentialsCircuitSettings credentialsCircuitSettings(FlinksClientProperties properties) {
        return new CredentialsCircuitSettings(
                properties.credentialsCircuit().probeInterval(),
                "flinks.secret-key / FLINKS_SECRETKEY",
                "flinks.api-key / FLINKS_APIKEY");
    }

    @Bean
    public FlinksCallMetrics flinksCallMetrics(MeterRegistry registry) {
        return new FlinksCallMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    public FlinksClient flinksClient(
            FlinksClientProperties properties,
            FlinksCallMetrics metrics,
            ObjectProvider<ObservationRegistry> observations) {
        return new FlinksClient(properties
                .toClientConfig()
                .callListener(metrics)
                .callObserver(new ObservedFlinksCalls(observations.getIfAvailable(() -> ObservationRegistry.NOOP)))
                .build());
    }

    @Bean
    public TraceContext traceContext(ObjectProvider<ObservationRegistry> observations) {
        return new TraceContext(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    public RecordTraces recordTraces(ObjectProvider<ObservationRegistry> observations) {
        return new RecordTraces(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean(destroyMethod = "close")
    public FlinksCallBudget flinksCallBudget(FlinksClientProperties properties, MeterRegistry registry) {
        FlinksCallBudget budget = new FlinksCallBudget(properties.budget().toSettings());
        Gauge.builder("flinks.budget.in.flight", budget, FlinksCallBudget::inFlight)
                .description("Flinks calls running now")
                .register(registry);
        Gauge.builder("flinks.budget.queued", budget, FlinksCallBudget::queued)
                .description("Flinks calls waiting for the budget")
                .register(registry);
        return budget;
    }
}
