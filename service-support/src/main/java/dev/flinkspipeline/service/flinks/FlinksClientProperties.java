package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.service.settings.RequiredSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where and how a service calls Flinks ({@code flinks.*}, environment {@code FLINKS_*}), the call budget it
 * shares ({@code flinks.budget.*}) and the credentials circuit ({@code flinks.credentials-circuit.*}): every
 * default of the Flinks side in one place. Where Flinks is and the keys have no default: a service started
 * without them refuses to start ({@link RequiredSettings}). {@link #toString()} hides both keys.
 *
 * @param secretKey             {@code flinks-auth-key} of Authorize and GenerateAuthorizeToken: never logged
 * @param apiKey                {@code x-api-key} of the endpoints that want one: never logged
 * @param requestTimeout        bound on a whole call
 * @param accountsDetailTimeout bound on a synchronous GetAccountsDetail (Flinks holds one up to 210 s); a job
 *                              that gives up on it polls GetAccountsDetailAsync on the same RequestId
 */
@RequiredSettings({"flinks.base-url", "flinks.customer-id", "flinks.secret-key", "flinks.api-key"})
@ConfigurationProperties("flinks")
public record FlinksClientProperties(
        String baseUrl,
        String customerId,
        String secretKey,
        String apiKey,

        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("210s") Duration accountsDetailTimeout,
        @DefaultValue("64MB") DataSize maxResponseSize,
        @DefaultValue Budget budget,
        @DefaultValue CredentialsCircuit credentialsCircuit) {

    /**
     * @param maxInFlight       calls running at once toward Flinks
     * @param requestsPerSecond call starts per second; 0: no rate limit
     * @param burst             starts allowed back to back after a quiet time
     * @param maxQueued         calls allowed to wait for a permit
     */
    public record Budget(
            @DefaultValue("32") int maxInFlight,
            @DefaultValue("0") double requestsPerSecond,
            @DefaultValue("50") int burst,
            @DefaultValue("100000") int maxQueued) {

        public FlinksCallBudget.Settings toSettings() {
            return new FlinksCallBudget.Settings(maxInFlight, requestsPerSecond, burst, maxQueued);
        }
    }

    /** @param probeInterval how often refused credentials are probed while the circuit is open */
    public record CredentialsCircuit(@DefaultValue("30s") Duration probeInterval) {}

    /** Where an operator sets {@code credential}: named when Flinks refuses it (its value never is). */
    public static String settingOf(Credential credential) {
        return credential == Credential.SECRET_KEY
                ? "flinks.secret-key / FLINKS_SECRETKEY"
                : "flinks.api-key / FLINKS_APIKEY";
    }

    /** A client configuration builder from these properties (add the listener and observer, then build). */
    public FlinksClientConfig.Builder toClientConfig() {
        return FlinksClientConfig.builder()
                .baseUrl(baseUrl)
                .customerId(customerId)
                .secretKey(secretKey)
                .apiKey(apiKey)
                .connectTimeout(connectTimeout)
                .requestTimeout(requestTimeout)
                .accountsDetailTimeout(accountsDetailTimeout)
                .maxResponseBytes(maxResponseSize.toBytes());
    }

    @Override
    public String toString() {
        return "FlinksClientProperties[baseUrl=" + baseUrl + ", customerId=" + customerId
                + ", secretKey=***, apiKey=***, connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + "]";
    }
}
