package dev.flinkspipeline.schemas.serde;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's configuration, with Confluent's key names so that a user who can use Confluent's
 * {@code KafkaAvroSerializer} can swap class names and keep the rest.
 */
public final class AvroSerdeConfig {

    /** Registry base URL(s), comma-separated. Required. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Register the record's schema under the subject when needed (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Write with the subject's latest registered version instead of the record's schema (default false). */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Seconds a "latest version" answer is reused; -1 (default) = for the life of the serde. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** Deserialize into generated SpecificRecord classes (default false: GenericRecord). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /**
     * Generic reading only: decode logical types into Java types (BigDecimal, Instant, LocalDate)
     * instead of raw ByteBuffer/long/int (default false, as Confluent's).
     */
    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    /** {@code USER_INFO} (use {@link #BASIC_AUTH_USER_INFO}) or {@code URL} (user info of the URL). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} for HTTP Basic authentication. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Timeout of each registry HTTP call, in ms (default 10000). */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final String PREFIXED_USER_INFO = "schema.registry." + BASIC_AUTH_USER_INFO;
    private static final String PREFIXED_SOURCE = "schema.registry." + BASIC_AUTH_CREDENTIALS_SOURCE;

    private final Map<String, ?> configs;

    public AvroSerdeConfig(Map<String, ?> configs) {
        this.configs = configs == null ? Map.of() : configs;
    }

    public List<URI> registryUrls() {
        Object value = configs.get(SCHEMA_REGISTRY_URL);
        List<String> texts = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> texts.add(String.valueOf(item)));
        } else if (value != null) {
            texts.addAll(List.of(value.toString().split(",")));
        }
        List<URI> urls = new ArrayList<>();
        for (String text : texts) {
            String trimmed = text.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                URI uri = URI.create(trimmed);
                if (uri.getHost() == null
                        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
                urls.add(uri);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        SCHEMA_REGISTRY_URL,
                        SchemaRegistryClient.redactText(trimmed),
                        "not a valid http(s) URL: " + e.getMessage());
            }
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL + " is required (comma-separated registry URLs)");
        }
        return urls;
    }

    public boolean autoRegisterSchemas() {
        return bool(AUTO_REGISTER_SCHEMAS, true);
    }

    public boolean useLatestVersion() {
        return bool(USE_LATEST_VERSION, false);
    }

    public boolean specificAvroReader() {
        return bool(SPECIFIC_AVRO_READER, false);
    }

    public boolean useLogicalTypeConverters() {
        return bool(AVRO_USE_LOGICAL_TYPE_CONVERTERS, false);
    }

    public Duration requestTimeout() {
        long ms = number(REQUEST_TIMEOUT_MS, 10_000);
        if (ms <= 0) {
            throw new ConfigException(REQUEST_TIMEOUT_MS, ms, "must be positive");
        }
        return Duration.ofMillis(ms);
    }

    /** Null when answers are reused for the life of the serde. */
    public Duration latestCacheTtl() {
        long seconds = number(LATEST_CACHE_TTL_SEC, -1);
        return seconds < 0 ? null : Duration.ofSeconds(seconds);
    }

    /** {@code user:password} when Basic authentication comes from {@link #BASIC_AUTH_USER_INFO}; else null. */
    public String basicUserInfo() {
        Object sourceValue = configs.containsKey(BASIC_AUTH_CREDENTIALS_SOURCE)
                ? configs.get(BASIC_AUTH_CREDENTIALS_SOURCE)
                : configs.get(PREFIXED_SOURCE);
        Object userInfoValue = configs.containsKey(BASIC_AUTH_USER_INFO)
                ? configs.get(BASIC_AUTH_USER_INFO)
                : configs.get(PREFIXED_USER_INFO);
        String userInfo = userInfoValue == null ? null : userInfoValue.toString();
        String source = sourceValue == null
                ? (userInfo != null && !userInfo.isEmpty() ? "USER_INFO" : "URL")
                : sourceValue.toString().trim().toUpperCase(Locale.ROOT);
        switch (source) {
            case "USER_INFO" -> {
                if (userInfo == null || !userInfo.contains(":")) {
                    // never echo the value: it is a secret
                    throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set as user:password when "
                            + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
                }
                return userInfo;
            }
            case "URL" -> {
                return null; // the client uses the user info of each URL, if any
            }
            default ->
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported values: USER_INFO, URL");
        }
    }

    private boolean bool(String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ConfigException(key, value, "expected true or false");
    }

    private long number(String key, long defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "expected a whole number");
        }
    }
}
