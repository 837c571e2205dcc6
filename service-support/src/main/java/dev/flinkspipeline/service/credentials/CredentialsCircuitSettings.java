package dev.flinkspipeline.service.credentials;

import dev.flinkspipeline.flinks.client.Credential;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service runs its credentials circuit.
 *
 * @param probeInterval    how often refused credentials are probed while the circuit is open
 * @param secretKeySetting where an operator sets the secret key, e.g. {@code flinks.secret-key / FLINKS_SECRETKEY}
 * @param apiKeySetting    where an operator sets the x-api-key; both are named when Flinks refuses the
 *                         credential (its value never is)
 */
public record CredentialsCircuitSettings(Duration probeInterval, String secretKeySetting, String apiKeySetting) {

    public CredentialsCircuitSettings {
        if (probeInterval == null || probeInterval.isNegative() || probeInterval.isZero()) {
            throw new IllegalArgumentException("the credentials circuit's probe interval must be positive");
        }
        Objects.requireNonNull(secretKeySetting, "secretKeySetting");
        Objects.requireNonNull(apiKeySetting, "apiKeySetting");
    }

    /** The setting of {@code credential}. */
    public String settingOf(Credential credential) {
        return credential == Credential.SECRET_KEY ? secretKeySetting : apiKeySetting;
    }
}
