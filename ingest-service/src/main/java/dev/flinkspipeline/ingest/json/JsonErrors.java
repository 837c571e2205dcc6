package dev.flinkspipeline.ingest.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.flinkspipeline.ingest.InvalidInputException;

/**
 * Turns Jackson parse errors into problems. Jackson's own messages quote the offending input (which
 * may be personal data), so only the kind of error and its position are reported.
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static InvalidInputException malformed(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " (at byte " + at.getByteOffset() + ", line " + at.getLineNr()
                + ", column " + at.getColumnNr() + ")";
        if (e instanceof JsonEOFException) {
            return InvalidInputException.badRequest("malformed-json", "truncated JSON",
                    "The body ends before its JSON document does" + where + ".");
        }
        return InvalidInputException.badRequest("malformed-json", "malformed JSON",
                "The body is not valid JSON" + where + ".");
    }
}
