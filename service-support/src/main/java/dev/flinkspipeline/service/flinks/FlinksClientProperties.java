package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.Credential;
import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.service.settings.RequiredSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every Flinks-side setting ({@code flinks.*}, environment {@code FLINKS_*}) with its default; where Flinks is and
 * the keys have none: a service refuses to start without them ({@link RequiredSettings}). {@link #toString()} hides
 * both keys.
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
        @DefaultValue FlinksCallBudget.Settings budget,
        @DefaultValue CredentialsCircuit credentialsCircuit) {

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
