package dev.flinkspipeline.ingest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.flinkspipeline.ingest.InvalidInputException;

/**
 * Turns Jackson parse errors into problems. Jackson's own messages quote the offending input (which
 * may be personal data), so only the kind of error, a sanitised path and its position are reported.
 */
public final class JsonErrors {

    private static final String DUPLICATE = "Duplicate field '";

    private JsonErrors() {}

    public static InvalidInputException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null
                ? ""
                : " (at byte " + at.getByteOffset() + ", line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof JsonEOFException) {
            return InvalidInputException.badRequest(
                    "malformed-json", "truncated JSON", "The body ends before its JSON document does" + where + ".");
        }
        if (message.startsWith(DUPLICATE) && e.getProcessor() instanceof JsonParser parser) {
            // Only with duplicate detection on (webhooks): which object holds the key twice.
            int end = message.indexOf('\'', DUPLICATE.length());
            String key = JsonPaths.key(message.substring(DUPLICATE.length(), end < 0 ? message.length() : end));
            String object = JsonPaths.of(parser.getParsingContext(), false);
            return InvalidInputException.badRequest(
                    "duplicate-key",
                    "duplicate key",
                    "The key " + JsonPaths.child(object, key) + " appears twice" + where + ".");
        }
        if (message.startsWith("Invalid UTF-8")) {
            return InvalidInputException.badRequest(
                    "invalid-unicode", "invalid UTF-8", "The body is not valid UTF-8" + where + ".");
        }
        if (message.contains("surrogate")) {
            // Jackson checks escaped surrogates in keys itself (strings are checked after parsing).
            return InvalidInputException.badRequest(
                    "invalid-unicode", "invalid Unicode", "A key holds an unpaired UTF-16 surrogate" + where + ".");
        }
        return InvalidInputException.badRequest(
                "malformed-json", "malformed JSON", "The body is not valid JSON" + where + ".");
    }
}
