package dev.flinkspipeline.flinks.sandbox;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every setting of the sandbox. Built with {@link #builder()} (tests compress the durations to
 * milliseconds) or read from the environment / system properties with {@link #fromEnvironment()}.
 * Defaults are the public Flinks toolbox values, so a client configured for toolbox works unchanged.
 */
public final class SandboxConfig {

    public static final String TOOLBOX_CUSTOMER_ID = "43387ca6-0391-4c82-857d-70d95f087ecb";
    public static final String TOOLBOX_SECRET_KEY = "c4569c54-e167-4d34-8de6-f4113bc82414";
    public static final String TOOLBOX_API_KEY = "3d5266a8-b697-48d4-8de6-52e2e2662acc";
    public static final String DEFAULT_WEBHOOK_SECRET = "flinks-sandbox-webhook-secret";
    /** Default bound of the GetAccountsDetail body cache: 64 MiB. */
    public static final long DEFAULT_ACCOUNTS_DETAIL_CACHE_BYTES = 64L << 20;

    public static final String DEFAULT_WEBHOOK_HEADER = "flinks-authenticity-key";

    private final String host;
    private final int port;
    private final int threads;
    private final String customerId;
    private final String secretKey;
    private final String apiKey;
    private final boolean enforceApiKey;
    private final Duration tokenTtl;
    private final Duration requestIdIdleTimeout;
    private final Duration requestIdMaxLifetime;
    private final int pendingPolls;
    private final Duration pendingTime;
    private final String webhookUrl;
    private final String webhookSecret;
    private final String webhookHeader;
    private final int webhookMaxAttempts;
    private final Duration webhookRetryDelay;
    private final Duration webhookTimeout;
    private final boolean webhookKyc;
    private final long seed;
    private final LocalDate asOf;
    private final long accountsDetailCacheBytes;
    private final int accountSets;

    private SandboxConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.threads = b.threads;
        this.customerId = b.customerId;
        this.secretKey = b.secretKey;
        this.apiKey = b.apiKey;
        this.enforceApiKey = b.enforceApiKey;
        this.tokenTtl = b.tokenTtl;
        this.requestIdIdleTimeout = b.requestIdIdleTimeout;
        this.requestIdMaxLifetime = b.requestIdMaxLifetime;
        this.pendingPolls = b.pendingPolls;
        this.pendingTime = b.pendingTime;
        this.webhookUrl = blankToNull(b.webhookUrl);
        this.webhookSecret = blankToNull(b.webhookSecret);
        this.webhookHeader = b.webhookHeader;
        this.webhookMaxAttempts = b.webhookMaxAttempts;
        this.webhookRetryDelay = b.webhookRetryDelay;
        this.webhookTimeout = b.webhookTimeout;
        this.webhookKyc = b.webhookKyc;
        this.seed = b.seed;
        this.asOf = b.asOf;
        this.accountsDetailCacheBytes = b.accountsDetailCacheBytes;
        this.accountSets = b.accountSets;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults, with port 0 (ephemeral): what most tests want. */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    /**
     * Reads {@code SANDBOX_*} environment variables, each overridable by the system property of the same
     * name in lower case with dots ({@code SANDBOX_PORT} or {@code -Dsandbox.port}). Durations accept
     * ISO-8601 ({@code PT30M}), a unit suffix ({@code 500ms}, {@code 10s}, {@code 8m}, {@code 1h}) or
     * plain milliseconds.
     */
    public static SandboxConfig fromEnvironment() {
        Builder b = builder().port(8090);
        set("SANDBOX_HOST", v -> b.host(v));
        set("SANDBOX_PORT", v -> b.port(Integer.parseInt(v)));
        set("SANDBOX_THREADS", v -> b.threads(Integer.parseInt(v)));
        set("SANDBOX_CUSTOMER_ID", v -> b.customerId(v));
        set("SANDBOX_SECRET_KEY", v -> b.secretKey(v));
        set("SANDBOX_API_KEY", v -> b.apiKey(v));
        set("SANDBOX_ENFORCE_API_KEY", v -> b.enforceApiKey(Boolean.parseBoolean(v)));
        set("SANDBOX_TOKEN_TTL", v -> b.tokenTtl(parseDuration(v)));
        set("SANDBOX_REQUEST_ID_IDLE_TIMEOUT", v -> b.requestIdIdleTimeout(parseDuration(v)));
        set("SANDBOX_REQUEST_ID_MAX_LIFETIME", v -> b.requestIdMaxLifetime(parseDuration(v)));
        set("SANDBOX_PENDING_POLLS", v -> b.pendingPolls(Integer.parseInt(v)));
        set("SANDBOX_PENDING_TIME", v -> b.pendingTime(parseDuration(v)));
        set("SANDBOX_WEBHOOK_URL", v -> b.webhookUrl(v));
        set("SANDBOX_WEBHOOK_SECRET", v -> b.webhookSecret(v));
        set("SANDBOX_WEBHOOK_HEADER", v -> b.webhookHeader(v));
        set("SANDBOX_WEBHOOK_MAX_ATTEMPTS", v -> b.webhookMaxAttempts(Integer.parseInt(v)));
        set("SANDBOX_WEBHOOK_RETRY_DELAY", v -> b.webhookRetryDelay(parseDuration(v)));
        set("SANDBOX_WEBHOOK_TIMEOUT", v -> b.webhookTimeout(parseDuration(v)));
        set("SANDBOX_WEBHOOK_KYC", v -> b.webhookKyc(Boolean.parseBoolean(v)));
        set("SANDBOX_SEED", v -> b.seed(Long.parseLong(v)));
        set("SANDBOX_AS_OF", v -> b.asOf(LocalDate.parse(v)));
        set("SANDBOX_ACCOUNTS_DETAIL_CACHE_BYTES", v -> b.accountsDetailCacheBytes(parseBytes(v)));
        set("SANDBOX_ACCOUNT_SETS", v -> b.accountSets(Integer.parseInt(v.trim())));
        return b.build();
    }

    private static void set(String envName, Consumer<String> setter) {
        String prop = System.getProperty(envName.toLowerCase(Locale.ROOT).replace('_', '.'));
        String value = prop != null ? prop : System.getenv(envName);
        if (value != null && !value.isBlank()) {
            try {
                setter.accept(value.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid value for " + envName + ": " + e.getMessage(), e);
            }
        }
    }

    /** Parses {@code 67108864}, {@code 512k}, {@code 64m}, {@code 1g} (binary units) or {@code 64mb}. */
    public static long parseBytes(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("b") && v.length() > 1 && !Character.isDigit(v.charAt(v.length() - 2))) {
            v = v.substring(0, v.length() - 1);
        }
        int shift = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        long n = Long.parseLong(shift == 0 ? v : v.substring(0, v.length() - 1).trim());
        if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("byte size out of range: " + text);
        }
        return n << shift;
    }

    /** Parses {@code PT30M}, {@code 500ms}, {@code 10s}, {@code 8m}, {@code 2h} or plain milliseconds. */
    public static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        Function<String, Long> num = s -> Long.parseLong(s.trim());
        if (v.endsWith("ms")) {
            return Duration.ofMillis(num.apply(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofSeconds(num.apply(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("m")) {
            return Duration.ofMinutes(num.apply(v.substring(0, v.length() - 1)));
        }
        if (v.endsWith("h")) {
            return Duration.ofHours(num.apply(v.substring(0, v.length() - 1)));
        }
        return Duration.ofMillis(num.apply(v));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int threads() {
        return threads;
    }

    public String customerId() {
        return customerId;
    }

    public String secretKey() {
        return secretKey;
    }

    public String apiKey() {
        return apiKey;
    }

    public boolean enforceApiKey() {
        return enforceApiKey;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public Duration requestIdIdleTimeout() {
        return requestIdIdleTimeout;
    }

    public Duration requestIdMaxLifetime() {
        return requestIdMaxLifetime;
    }

    public int pendingPolls() {
        return pendingPolls;
    }

    public Duration pendingTime() {
        return pendingTime;
    }
    /** Global webhook target, or null when webhooks are off (a login may still carry its own URL). */
    public String webhookUrl() {
        return webhookUrl;
    }
    /** HMAC secret, or null to send unsigned webhooks. */
    public String webhookSecret() {
        return webhookSecret;
    }

    public String webhookHeader() {
        return webhookHeader;
    }

    public int webhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    public Duration webhookRetryDelay() {
        return webhookRetryDelay;
    }

    public Duration webhookTimeout() {
        return webhookTimeout;
    }

    public boolean webhookKyc() {
        return webhookKyc;
    }

    public long seed() {
        return seed;
    }
    /** Last day of generated history; null means "today (UTC) when the sandbox starts". */
    public LocalDate asOf() {
        return asOf;
    }
    /** Bound of the GetAccountsDetail body cache, in bytes; 0 = no cache (every 200 is generated). */
    public long accountsDetailCacheBytes() {
        return accountsDetailCacheBytes;
    }

    /** How many sets of simulated accounts each login has (1: up to four accounts; more: large logins). */
    public int accountSets() {
        return accountSets;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.threads = threads;
        b.customerId = customerId;
        b.secretKey = secretKey;
        b.apiKey = apiKey;
        b.enforceApiKey = enforceApiKey;
        b.tokenTtl = tokenTtl;
        b.requestIdIdleTimeout = requestIdIdleTimeout;
        b.requestIdMaxLifetime = requestIdMaxLifetime;
        b.pendingPolls = pendingPolls;
        b.pendingTime = pendingTime;
        b.webhookUrl = webhookUrl;
        b.webhookSecret = webhookSecret;
        b.webhookHeader = webhookHeader;
        b.webhookMaxAttempts = webhookMaxAttempts;
        b.webhookRetryDelay = webhookRetryDelay;
        b.webhookTimeout = webhookTimeout;
        b.webhookKyc = webhookKyc;
        b.seed = seed;
        b.asOf = asOf;
        b.accountsDetailCacheBytes = accountsDetailCacheBytes;
        b.accountSets = accountSets;
        return b;
    }

    /** Secrets are not printed. */
    @Override
    public String toString() {
        return "SandboxConfig{host=" + host + ", port=" + port + ", customerId=" + customerId
                + ", enforceApiKey=" + enforceApiKey + ", tokenTtl=" + tokenTtl
                + ", requestIdIdleTimeout=" + requestIdIdleTimeout + ", requestIdMaxLifetime=" + requestIdMaxLifetime
                + ", pendingPolls=" + pendingPolls + ", pendingTime=" + pendingTime
                + ", webhookUrl=" + (webhookUrl == null ? "none" : "set") + ", webhookHeader=" + webhookHeader
                + ", webhookMaxAttempts=" + webhookMaxAttempts + ", webhookRetryDelay=" + webhookRetryDelay
                + ", webhookKyc=" + webhookKyc + ", seed=" + seed + ", asOf=" + (asOf == null ? "today" : asOf)
                + ", accountsDetailCacheBytes=" + accountsDetailCacheBytes + ", accountSets=" + accountSets + "}";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        private String customerId = TOOLBOX_CUSTOMER_ID;
        private String secretKey = TOOLBOX_SECRET_KEY;
        private String apiKey = TOOLBOX_API_KEY;
        private boolean enforceApiKey = true;
        private Duration tokenTtl = Duration.ofMinutes(30);
        private Duration requestIdIdleTimeout = Duration.ofMinutes(8);
        private Duration requestIdMaxLifetime = Duration.ofMinutes(30);
        private int pendingPolls = 3;
        private Duration pendingTime = Duration.ZERO;
        private String webhookUrl;
        private String webhookSecret = DEFAULT_WEBHOOK_SECRET;
        private String webhookHeader = DEFAULT_WEBHOOK_HEADER;
        private int webhookMaxAttempts = 10;
        private Duration webhookRetryDelay = Duration.ofMinutes(30);
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private boolean webhookKyc = true;
        private long seed = 0L;
        private LocalDate asOf;
        private long accountsDetailCacheBytes = DEFAULT_ACCOUNTS_DETAIL_CACHE_BYTES;
        private int accountSets = 1;

        private Builder() {}

        public Builder host(String v) {
            this.host = Objects.requireNonNull(v);
            return this;
        }

        public Builder port(int v) {
            this.port = v;
            return this;
        }

        public Builder threads(int v) {
            if (v < 1) throw new IllegalArgumentException("threads < 1");
            this.threads = v;
            return this;
        }

        public Builder customerId(String v) {
            this.customerId = Objects.requireNonNull(v);
            return this;
        }

        public Builder secretKey(String v) {
            this.secretKey = Objects.requireNonNull(v);
            return this;
        }

        public Builder apiKey(String v) {
            this.apiKey = Objects.requireNonNull(v);
            return this;
        }

        public Builder enforceApiKey(boolean v) {
            this.enforceApiKey = v;
            return this;
        }

        public Builder tokenTtl(Duration v) {
            this.tokenTtl = positive(v, "tokenTtl");
            return this;
        }

        public Builder requestIdIdleTimeout(Duration v) {
            this.requestIdIdleTimeout = positive(v, "requestIdIdleTimeout");
            return this;
        }

        public Builder requestIdMaxLifetime(Duration v) {
            this.requestIdMaxLifetime = positive(v, "requestIdMaxLifetime");
            return this;
        }

        public Builder pendingPolls(int v) {
            if (v < 0) throw new IllegalArgumentException("pendingPolls < 0");
            this.pendingPolls = v;
            return this;
        }

        public Builder pendingTime(Duration v) {
            this.pendingTime = notNegative(v, "pendingTime");
            return this;
        }

        public Builder webhookUrl(String v) {
            this.webhookUrl = v;
            return this;
        }

        public Builder webhookSecret(String v) {
            this.webhookSecret = v;
            return this;
        }

        public Builder webhookHeader(String v) {
            this.webhookHeader = Objects.requireNonNull(v);
            return this;
        }

        public Builder webhookMaxAttempts(int v) {
            if (v < 1) throw new IllegalArgumentException("webhookMaxAttempts < 1");
            this.webhookMaxAttempts = v;
            return this;
        }

        public Builder webhookRetryDelay(Duration v) {
            this.webhookRetryDelay = notNegative(v, "webhookRetryDelay");
            return this;
        }

        public Builder webhookTimeout(Duration v) {
            this.webhookTimeout = positive(v, "webhookTimeout");
            return this;
        }

        public Builder webhookKyc(boolean v) {
            this.webhookKyc = v;
            return this;
        }

        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        public Builder asOf(LocalDate v) {
            this.asOf = v;
            return this;
        }

        /** Bound of the GetAccountsDetail body cache (bytes, default 64 MiB); 0 turns the cache off. */
        public Builder accountsDetailCacheBytes(long v) {
            if (v < 0) throw new IllegalArgumentException("accountsDetailCacheBytes < 0");
            this.accountsDetailCacheBytes = v;
            return this;
        }

        /**
         * How many sets of simulated accounts each login has (default 1). Each further set repeats the login's
         * accounts with ids of their own: a login of many accounts, each with its history.
         */
        public Builder accountSets(int v) {
            if (v < 1) throw new IllegalArgumentException("accountSets < 1");
            this.accountSets = v;
            return this;
        }

        public SandboxConfig build() {
            return new SandboxConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        private static Duration notNegative(Duration d, String name) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return d;
        }
    }

    static LocalDate todayUtc() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
