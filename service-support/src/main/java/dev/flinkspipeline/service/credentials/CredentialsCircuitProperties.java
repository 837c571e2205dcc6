package dev.flinkspipeline.service.credentials;

import java.time.Duration;

/** Settings of the credentials circuit, nested under a service's Flinks settings ({@code ...credentials-circuit.*}). */
public class CredentialsCircuitProperties {

    /** How often refused credentials are probed while the circuit is open. */
    private Duration probeInterval = Duration.ofSeconds(30);

    /** These settings, with where the service's operator sets each credential (named in logs and health). */
    public CredentialsCircuitSettings toSettings(String secretKeySetting, String apiKeySetting) {
        return new CredentialsCircuitSettings(probeInterval, secretKeySetting, apiKeySetting);
    }

    public Duration getProbeInterval() {
        return probeInterval;
    }

    public void setProbeInterval(Duration probeInterval) {
        this.probeInterval = probeInterval;
    }
}
