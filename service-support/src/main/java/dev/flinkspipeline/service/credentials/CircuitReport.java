package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.service.flinks.FlinksClientProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators see of the credentials circuit: one ERROR line per refused credential naming the setting to
 * check (never its value), one line on closing; gauge {@code flinks.credentials.circuit.open} (1 while open) and
 * counter {@code flinks.credentials.circuit.openings{credential}} ({@code secret_key} or {@code api_key}).
 */
public final class CircuitReport implements CircuitListener {

    private static final Logger log = LoggerFactory.getLogger(CircuitReport.class);

    private final MeterRegistry registry;
    private final Duration probeInterval;

    public CircuitReport(MeterRegistry registry, CredentialsCircuit circuit, Duration probeInterval) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.probeInterval = Objects.requireNonNull(probeInterval, "probeInterval");
        Gauge.builder("flinks.credentials.circuit.open", circuit, c -> c.isOpen() ? 1 : 0)
                .description("1 while Flinks refuses one of our credentials (consumption paused)")
                .register(registry);
    }

    @Override
    public void refused(Credential credential, boolean opened, String evidence) {
        log.error(
                "Flinks refuses our {}: check {}. {}; no login is failed for it: consumption is paused and jobs "
                        + "wait until a probe every {} s finds it accepted. Evidence: {}",
                CredentialsGuard.name(credential),
                FlinksClientProperties.settingOf(credential),
                opened ? "Credentials circuit open" : "Credentials circuit already open",
                probeInterval.toMillis() / 1000.0,
                evidence);
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
        log.warn(
                "Flinks accepts our credentials again: credentials circuit closed after {} s, consumption resumed",
                openFor.toMillis() / 1000.0);
    }
}
