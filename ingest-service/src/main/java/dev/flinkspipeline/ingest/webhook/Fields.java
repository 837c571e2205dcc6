package dev.flinkspipeline.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.schemas.Money;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Reads Flinks JSON values into event field values. Errors name the JSON path, never the value (it may
 * be personal data). Flinks' property casing is not reliable, so callers match names case-insensitively.
 */
final class Fields {

    /** Flinks' "never refreshed" timestamp. */
    static final LocalDateTime NEVER = LocalDateTime.of(1, 1, 1, 0, 0);

    private Fields() {
    }

    /** The value of {@code name} in {@code object}, ignoring case; null when absent. */
    static JsonNode find(ObjectNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** A scalar as text (numbers and booleans as their JSON text); null for null. */
    static String text(JsonNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        throw invalid(path, "must be a string");
    }

    static Boolean bool(JsonNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual() && (node.textValue().equalsIgnoreCase("true") || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw invalid(path, "must be a boolean");
    }

    static Integer integer(JsonNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        try {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.isTextual()) {
                return Integer.valueOf(node.textValue().trim());
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw invalid(path, "must be an integer");
    }

    /** A money amount, exact (never via double); numbers as text are accepted too. */
    static BigDecimal money(JsonNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        try {
            if (node.isNumber()) {
                if (node.isFloatingPointNumber() && !node.isBigDecimal()) {
                    // Only reachable with a mapper not reading floats as BigDecimal: refuse to guess.
                    throw invalid(path, "was read as a binary floating-point number");
                }
                return Money.of(node.decimalValue());
            }
            if (node.isTextual()) {
                return Money.parse(node.textValue());
            }
        } catch (Money.UnrepresentableMoneyException e) {
            throw invalid(path, "cannot be held exactly as decimal(22,4)");
        }
        throw invalid(path, "must be a number");
    }

    /** {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, or the date part of a date-time. */
    static LocalDate date(JsonNode node, String path) {
        String text = text(node, path);
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        String date = t.length() > 10 && (t.charAt(10) == 'T' || t.charAt(10) == ' ') ? t.substring(0, 10) : t;
        try {
            return LocalDate.parse(date.replace('/', '-'));
        } catch (DateTimeException e) {
            throw invalid(path, "is not a date (yyyy-MM-dd)");
        }
    }

    /**
     * A Flinks timestamp: UTC without offset (up to 7 fractional digits) or with an offset. Null for
     * absent, for the {@code 0001-01-01T00:00:00} "never" sentinel, and for instants outside what
     * Avro {@code timestamp-nanos} holds (years 1678 to 2261).
     */
    static Instant timestamp(JsonNode node, String path) {
        String text = text(node, path);
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        Instant instant;
        try {
            if (hasOffset(t)) {
                instant = OffsetDateTime.parse(t).toInstant();
            } else {
                LocalDateTime local = LocalDateTime.parse(t);
                if (local.equals(NEVER)) {
                    return null;
                }
                instant = local.toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeException e) {
            throw invalid(path, "is not an ISO-8601 date-time");
        }
        try {
            Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            return instant;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static boolean hasOffset(String text) {
        int time = text.indexOf('T');
        if (time < 0) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        return last == 'Z' || last == 'z' || text.indexOf('+', time) > 0 || text.indexOf('-', time) > 0;
    }

    static ObjectNode object(JsonNode node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw invalid(path, "must be an object");
        }
        return (ObjectNode) node;
    }

    static InvalidInputException invalid(String path, String problem) {
        return InvalidInputException.unprocessable("invalid-payload", "payload field is invalid",
                path + " " + problem + ".");
    }
}
