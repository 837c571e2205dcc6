package dev.flinkspipeline.flinks.sandbox.state;

/**
 * The secret key (GenerateAuthorizeToken's {@code flinks-auth-key}) and x-api-key accepted right now. They
 * start as configured and the admin API can switch them during a run to simulate a rotated or revoked key.
 * The values are never shown nor logged: {@link #secretKeyChanged()} and {@link #apiKeyChanged()} say only
 * whether they differ from the configured ones.
 */
public final class Credentials {

    private final String configuredSecretKey;
    private final String configuredApiKey;
    private volatile String secretKey;
    private volatile String apiKey;

    public Credentials(String secretKey, String apiKey) {
        this.configuredSecretKey = secretKey;
        this.configuredApiKey = apiKey;
        restore();
    }

    public boolean secretKeyMatches(String given) {
        return secretKey.equals(given);
    }

    public boolean apiKeyMatches(String given) {
        return apiKey.equals(given);
    }

    /** Null leaves a key as it is. */
    public void change(String newSecretKey, String newApiKey) {
        if (newSecretKey != null) {
            this.secretKey = newSecretKey;
        }
        if (newApiKey != null) {
            this.apiKey = newApiKey;
        }
    }

    public void restore() {
        this.secretKey = configuredSecretKey;
        this.apiKey = configuredApiKey;
    }

    public boolean secretKeyChanged() {
        return !secretKey.equals(configuredSecretKey);
    }

    public boolean apiKeyChanged() {
        return !apiKey.equals(configuredApiKey);
    }
}
