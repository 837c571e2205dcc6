package dev.flinkspipeline.flinks.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads transaction dates. Flinks examples use {@code 2025-01-31}; older payloads used
 * {@code 2025/01/31} and some carry a time part ({@code 2025-01-31T00:00:00}), which is dropped.
 */
public final class FlinksLocalDateDeserializer extends StdScalarDeserializer<LocalDate> {

    public FlinksLocalDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
        }
        String text = p.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return parse(text);
        } catch (DateTimeParseException e) {
            return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a Flinks date (expected yyyy-MM-dd)");
        }
    }

    /** Parses {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, or the date part of a date-time. */
    public static LocalDate parse(String text) {
        String date = text.length() > 10 && (text.charAt(10) == 'T' || text.charAt(10) == ' ')
                ? text.substring(0, 10) : text;
        return LocalDate.parse(date.replace('/', '-'));
    }
}
