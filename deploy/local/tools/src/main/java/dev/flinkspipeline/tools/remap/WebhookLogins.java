package dev.flinkspipeline.tools.remap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The loginId of a kept webhook: the record key (ingest keys it by loginId when it could read one), else the
 * body's {@code Login.Id}. Only a GUID is returned, so nothing else from the payload can end up printed.
 */
final class WebhookLogins {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonFactory JSON = new JsonFactory();

    private WebhookLogins() {}

    static String loginIdOf(String key, byte[] body) {
        String fromKey = guid(key);
        return fromKey != null ? fromKey : guid(loginIdInBody(body));
    }

    private static String guid(String text) {
        return text != null && GUID.matcher(text.trim()).matches() ? text.trim().toLowerCase(Locale.ROOT) : null;
    }

    /** The top-level {@code Login.Id} (Flinks' names, any case), read by streaming: a body can be megabytes. */
    private static String loginIdInBody(byte[] body) {
        if (body == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("login".equalsIgnoreCase(name) && value == JsonToken.START_OBJECT) {
                    return idOfLogin(parser);
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // not JSON, or broken after the fields we need: no loginId
        }
    }

    private static String idOfLogin(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("id".equalsIgnoreCase(name) && value == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            parser.skipChildren();
        }
        return null;
    }
}
