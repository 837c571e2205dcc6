package dev.flinkspipeline.flinks.client;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Everything a {@link FlinksClient} needs: the instance base URL, customerId, the secret key (for
 * {@code GenerateAuthorizeToken}), the x-api-key (for data and Attributes endpoints), timeouts and the
 * response size limit. {@link #toString()} never shows the secret key or the x-api-key.
 */
public final class FlinksClientConfig {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Flinks holds a synchronous GetAccountsDetail for up to 210 s before it answers 202. */
    public static final Duration DEFAULT_ACCOUNTS_DETAIL_TIMEOUT = Duration.ofSeconds(210);

    public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L * 1024 * 1024;
    /** Bodies are held in one byte array. */
    public static final long MAX_MAX_RESPONSE_BYTES = Integer.MAX_VALUE - 8;

    private final URI baseUrl;
    private final String customerId;
    private final String secretKey;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration accountsDetailTimeout;
    private final long maxResponseBytes;
    private final Executor executor;
    private final FlinksCallListener callListener;
    private final FlinksCallObserver callObserver;

    private FlinksClientConfig(Builder b) {
        this.baseUrl = parseBaseUrl(require(b.baseUrl, "baseUrl"));
        this.customerId = require(b.customerId, "customerId");
        this.secretKey = require(b.secretKey, "secretKey");
        this.apiKey = require(b.apiKey, "apiKey");
        this.connectTimeout = positive(b.connectTimeout, "connectTimeout");
        this.requestTimeout = positive(b.requestTimeout, "requestTimeout");
        this.accountsDetailTimeout = positive(b.accountsDetailTimeout, "accountsDetailTimeout");
        if (b.maxResponseBytes <= 0 || b.maxResponseBytes > MAX_MAX_RESPONSE_BYTES) {
            throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + MAX_MAX_RESPONSE_BYTES);
        }
        this.maxResponseBytes = b.maxResponseBytes;
        this.executor = b.executor;
        this.callListener = b.callListener == null ? FlinksCallListener.NONE : b.callListener;
        this.callObserver = b.callObserver == null ? FlinksCallObserver.NONE : b.callObserver;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads {@code FLINKS_BASE_URL}, {@code FLINKS_CUSTOMER_ID}, {@code FLINKS_SECRET_KEY},
     * {@code FLINKS_API_KEY} and the optional {@code FLINKS_CONNECT_TIMEOUT}, {@code FLINKS_REQUEST_TIMEOUT},
     * {@code FLINKS_MAX_RESPONSE_BYTES} from the process environment.
     */
    public static FlinksClientConfig fromEnvironment() {
        return fromEnvironment("FLINKS_");
    }

    /** As {@link #fromEnvironment()} with another variable prefix (e.g. {@code "POLLER_FLINKS_"}). */
    public static FlinksClientConfig fromEnvironment(String prefix) {
        return builderFrom(prefix, System.getenv()).build();
    }

    /**
     * A builder filled from {@code variables} ({@code prefix + "BASE_URL"}, ...), to adjust (executor,
     * listener) before {@link Builder#build()}. Durations accept {@code 500ms}, {@code 30s}, {@code 2m},
     * ISO-8601 ({@code PT30S}) or a bare number of seconds; sizes accept a number of bytes or a
     * {@code KiB}/{@code MiB}/{@code GiB} (or {@code KB}/{@code MB}/{@code GB}) suffix.
     */
    public static Builder builderFrom(String prefix, Map<String, String> variables) {
        Objects.requireNonNull(prefix, "prefix");
        Builder b = builder()
                .baseUrl(requiredVariable(variables, prefix + "BASE_URL"))
                .customerId(requiredVariable(variables, prefix + "CUSTOMER_ID"))
                .secretKey(requiredVariable(variables, prefix + "SECRET_KEY"))
                .apiKey(requiredVariable(variables, prefix + "API_KEY"));
        optionalVariable(variables, prefix + "CONNECT_TIMEOUT")
                .ifPresent(v -> b.connectTimeout(parseDuration(prefix + "CONNECT_TIMEOUT", v)));
        optionalVariable(variables, prefix + "REQUEST_TIMEOUT")
                .ifPresent(v -> b.requestTimeout(parseDuration(prefix + "REQUEST_TIMEOUT", v)));
        optionalVariable(variables, prefix + "ACCOUNTS_DETAIL_TIMEOUT")
                .ifPresent(v -> b.accountsDetailTimeout(parseDuration(prefix + "ACCOUNTS_DETAIL_TIMEOUT", v)));
        optionalVariable(variables, prefix + "MAX_RESPONSE_BYTES")
                .ifPresent(v -> b.maxResponseBytes(parseSize(prefix + "MAX_RESPONSE_BYTES", v)));
        return b;
    }

    /** The instance root, e.g. {@code https://toolbox-api.private.fin.ag} (no trailing slash). */
    public URI baseUrl() {
        return baseUrl;
    }

    public String customerId() {
        return customerId;
    }

    /** The long-lived secret key for {@code GenerateAuthorizeToken}. Never log it. */
    public String secretKey() {
        return secretKey;
    }

    /** The long-lived x-api-key for data and Attributes endpoints. Never log it. */
    public String apiKey() {
        return apiKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Bound on a whole call, from sending to the last body byte. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Bound on a synchronous GetAccountsDetail (the other calls use {@link #requestTimeout()}). */
    public Duration accountsDetailTimeout() {
        return accountsDetailTimeout;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** The executor for HTTP work and JSON parsing; empty: the client owns a daemon pool. */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    public FlinksCallListener callListener() {
        return callListener;
    }

    public FlinksCallObserver callObserver() {
        return callObserver;
    }

    @Override
    public String toString() {
        return "FlinksClientConfig[baseUrl=" + baseUrl + ", customerId=" + customerId
                + ", secretKey=***, apiKey=***, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", accountsDetailTimeout=" + accountsDetailTimeout
                + ", maxResponseBytes=" + maxResponseBytes + "]";
    }

    private static URI parseBaseUrl(String value) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl is not a valid URL: " + trimmed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + trimmed);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl must not carry user info, a query or a fragment");
        }
        return uri;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value.trim();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    private static String requiredVariable(Map<String, String> variables, String name) {
        return optionalVariable(variables, name)
                .orElseThrow(() -> new IllegalArgumentException("environment variable " + name + " is required"));
    }

    private static Optional<String> optionalVariable(Map<String, String> variables, String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static Duration parseDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(
                        Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(
                        Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(name + " is not a duration (e.g. 500ms, 30s, 2m, PT30S): " + value);
        }
    }

    static long parseSize(String name, String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace(" ", "");
        long unit = 1;
        String[][] units = {
            {"KIB", "1024"},
            {"MIB", "1048576"},
            {"GIB", "1073741824"},
            {"KB", "1000"},
            {"MB", "1000000"},
            {"GB", "1000000000"},
            {"B", "1"}
        };
        for (String[] u : units) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length());
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(name + " is not a size (e.g. 67108864, 64MiB): " + value);
        }
    }

    /** Builder; {@code baseUrl}, {@code customerId}, {@code secretKey} and {@code apiKey} are required. */
    public static final class Builder {
        private String baseUrl;
        private String customerId;
        private String secretKey;
        private String apiKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration accountsDetailTimeout = DEFAULT_ACCOUNTS_DETAIL_TIMEOUT;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Executor executor;
        private FlinksCallListener callListener;
        private FlinksCallObserver callObserver;

        private Builder() {}

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Bound on each whole call but the synchronous GetAccountsDetail (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /**
         * Bound on a synchronous GetAccountsDetail (default 210 s, Flinks' own limit before it answers 202).
         * A caller that gives up earlier should poll GetAccountsDetailAsync on the same RequestId: Flinks has
         * already dispatched the request.
         */
        public Builder accountsDetailTimeout(Duration accountsDetailTimeout) {
            this.accountsDetailTimeout = accountsDetailTimeout;
            return this;
        }

        /** Larger bodies are abandoned while streaming and become a RESPONSE_TOO_LARGE failure (default 64 MiB). */
        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /** Runs HTTP work and JSON parsing; the caller owns (and shuts down) it. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder callListener(FlinksCallListener callListener) {
            this.callListener = callListener;
            return this;
        }

        /** Sees every call from its start to its result (e.g. a tracing span); default: none. */
        public Builder callObserver(FlinksCallObserver callObserver) {
            this.callObserver = callObserver;
            return this;
        }

        public FlinksClientConfig build() {
            return new FlinksClientConfig(this);
        }

        @Override
        public String toString() {
            return "FlinksClientConfig.Builder[baseUrl=" + baseUrl + ", customerId=" + customerId
                    + ", secretKey=***, apiKey=***]";
        }
    }
}
