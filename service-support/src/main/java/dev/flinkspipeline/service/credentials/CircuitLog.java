package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ERROR line per refused credential, naming the setting to check (never its value); one line on closing. */
public final class CircuitLog implements CircuitListener {

    private static final Logger log = LoggerFactory.getLogger(CircuitLog.class);

    private final CredentialsCircuitSettings settings;

    public CircuitLog(CredentialsCircuitSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void refused(Credential credential, boolean opened, String evidence) {
        log.error(
                "Flinks refuses our {}: check {}. {}; no login is failed for it: consumption is paused and jobs "
                        + "wait until a probe every {} s finds it accepted. Evidence: {}",
                CredentialsGuard.name(credential),
                settings.settingOf(credential),
                opened ? "Credentials circuit open" : "Credentials circuit already open",
                settings.probeInterval().toMillis() / 1000.0,
                evidence);
    }

    @Override
    public void closed(Duration openFor) {
        log.warn(
                "Flinks accepts our credentials again: credentials circuit closed after {} s, consumption resumed",
                openFor.toMillis() / 1000.0);
    }
}
