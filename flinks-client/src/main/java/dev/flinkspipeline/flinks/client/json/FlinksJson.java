package dev.flinkspipeline.flinks.client.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.flinks.client.model.Transaction;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The Jackson configuration for Flinks payloads, shared by the client and by services that receive the
 * same payloads another way (e.g. the {@code GetAccountsDetail} webhook).
 *
 * <p>Flinks adds fields over time and its property casing is not reliable, so unknown properties are
 * ignored and names match case-insensitively. Floats become {@link java.math.BigDecimal} (money is never a
 * {@code double}), also inside {@link com.fasterxml.jackson.databind.JsonNode} trees (attribute values),
 * with trailing zeros kept so values round-trip unchanged. An integer field given a fraction
 * ({@code "InstitutionId": 14.5}) is refused rather than truncated. Writes PascalCase, as Flinks does.
 */
public final class FlinksJson {

    private static final ObjectMapper MAPPER = newMapper();

    private FlinksJson() {}

    /** A new, independently configurable mapper with the Flinks settings. */
    public static ObjectMapper newMapper() {
        SimpleModule flinksTypes = new SimpleModule("flinks-types")
                .addDeserializer(Instant.class, new FlinksInstantDeserializer())
                .addDeserializer(LocalDate.class, new FlinksLocalDateDeserializer())
                .addDeserializer(Transaction.class, new TransactionDeserializer());
        JsonMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(flinksTypes)
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .build();
        // Bodies are already bounded by the client's byte limit; Jackson's default 20 MB string cap
        // would reject a legitimate large Base64 statement inside that limit.
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build());
        return mapper;
    }

    /** The shared mapper. Do not reconfigure it: use {@link #newMapper()} for that. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An immutable reader for one model type. */
    public static ObjectReader readerFor(Class<?> type) {
        return MAPPER.readerFor(type);
    }

    /** Parses a GetAccountsDetail payload (API answer or webhook body). */
    public static AccountsDetailResponse readAccountsDetail(byte[] json) throws IOException {
        return MAPPER.readValue(json, AccountsDetailResponse.class);
    }

    /** Parses a GetAccountsDetail payload from a stream without buffering it as a string. */
    public static AccountsDetailResponse readAccountsDetail(InputStream json) throws IOException {
        return MAPPER.readValue(json, AccountsDetailResponse.class);
    }
}
