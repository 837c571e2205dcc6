package dev.flinkspipeline.service.flinks;

import dev.flinkspipeline.flinks.client.FlinksClientConfig;
import dev.flinkspipeline.service.budget.FlinksCallBudget;
import dev.flinkspipeline.service.credentials.CredentialsCircuitProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Where and how a service calls Flinks ({@code flinks.*}), and the call budget shared by everything the
 * service sends there ({@code flinks.budget.*}). The secret key and x-api-key are credentials:
 * {@link #toString()} hides them; pass them through the environment.
 */
@ConfigurationProperties("flinks")
public class FlinksClientProperties {

    /** The instance root, e.g. {@code https://toolbox-api.private.fin.ag}. */
    private String baseUrl;
    private String customerId;
    /** For GenerateAuthorizeToken. */
    private String secretKey;
    /** For the data and Attributes endpoints. */
    private String apiKey;
    private Duration connectTimeout = FlinksClientConfig.DEFAULT_CONNECT_TIMEOUT;
    /** Bound on a whole call; a batch of calls is bounded by it. */
    private Duration requestTimeout = FlinksClientConfig.DEFAULT_REQUEST_TIMEOUT;
    /**
     * Bound on a synchronous GetAccountsDetail (Flinks holds one up to 210 s); a job that gives up on it
     * polls GetAccountsDetailAsync on the same RequestId.
     */
    private Duration accountsDetailTimeout = FlinksClientConfig.DEFAULT_ACCOUNTS_DETAIL_TIMEOUT;
    private DataSize maxResponseSize = DataSize.ofBytes(FlinksClientConfig.DEFAULT_MAX_RESPONSE_BYTES);
    private final Budget budget = new Budget();
    /** {@code flinks.credentials-circuit.*}. */
    private final CredentialsCircuitProperties credentialsCircuit = new CredentialsCircuitProperties();

    public static class Budget {
        /** Calls running at once toward Flinks. */
        private int maxInFlight = 32;
        /** Call starts per second; 0: no rate limit. */
        private double requestsPerSecond = 0;
        /** Starts allowed back to back after a quiet time. */
        private int burst = 50;
        /** Calls allowed to wait for a permit. */
        private int maxQueued = 100_000;

        public FlinksCallBudget.Settings toSettings() {
            return new FlinksCallBudget.Settings(maxInFlight, requestsPerSecond, burst, maxQueued);
        }

        public int getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(int maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public double getRequestsPerSecond() {
            return requestsPerSecond;
        }

        public void setRequestsPerSecond(double requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
        }

        public int getBurst() {
            return burst;
        }

        public void setBurst(int burst) {
            this.burst = burst;
        }

        public int getMaxQueued() {
            return maxQueued;
        }

        public void setMaxQueued(int maxQueued) {
            this.maxQueued = maxQueued;
        }
    }

    /** A client configuration builder from these properties (add the listener and executor, then build). */
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

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getAccountsDetailTimeout() {
        return accountsDetailTimeout;
    }

    public void setAccountsDetailTimeout(Duration accountsDetailTimeout) {
        this.accountsDetailTimeout = accountsDetailTimeout;
    }

    public DataSize getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(DataSize maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public Budget getBudget() {
        return budget;
    }

    public CredentialsCircuitProperties getCredentialsCircuit() {
        return credentialsCircuit;
    }

    @Override
    public String toString() {
        return "FlinksClientProperties[baseUrl=" + baseUrl + ", customerId=" + customerId
                + ", secretKey=***, apiKey=***, connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + "]";
    }
}
