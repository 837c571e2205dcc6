package dev.flinkspipeline.flinks.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.DateTimeException;

/**
 * A value Flinks sends as a string in more than one format: anything but a string is an unexpected token,
 * an empty string is null, and text no format matches is a weird string value, named by {@code expected}.
 */
abstract class FlinksTextDeserializer<T> extends StdScalarDeserializer<T> {

    private final Class<T> type;
    private final String expected;

    FlinksTextDeserializer(Class<T> type, String expected) {
        super(type);
        this.type = type;
        this.expected = expected;
    }

    /** The value of {@code text} (trimmed, not empty). */
    abstract T parseText(String text);

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return type.cast(ctxt.handleUnexpectedToken(type, p));
        }
        String text = p.getText().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return parseText(text);
        } catch (DateTimeException e) {
            return type.cast(ctxt.handleWeirdStringValue(type, text, expected));
        }
    }
}
